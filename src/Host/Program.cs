using PhaseFlow.Host.Cli;
using PhaseFlow.Host.Node;

// `phaseflow run` (the default verb) runs a node; the other verbs are clients of a node's HTTP API.
return await PhaseFlowCli.RunAsync(args, PhaseFlowNode.RunAsync);
