using PhaseFlow.Host.Node;

// `phaseflow run` (the default) runs a node; the other verbs are clients of a node's HTTP API.
var nodeArgs = args.Length > 0 && args[0] == "run" ? args[1..] : args;
return await PhaseFlowNode.RunAsync(nodeArgs);
