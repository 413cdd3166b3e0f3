using System.Reflection;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Host.Node;

/// <summary>Finds the task types in an assembly given with <c>--tasks-assembly</c>.</summary>
internal static class TaskAssemblyLoader
{
    /// <summary>Loads the assembly and creates one instance of each task type in it.</summary>
    /// <param name="path">The assembly's path.</param>
    /// <returns>The task types, at least one.</returns>
    /// <exception cref="NodeConfigurationException">The file is not a loadable .NET assembly, has no task types, or a task type cannot be created.</exception>
    public static IReadOnlyList<ITaskDefinition> Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Assembly assembly;
        Type[] types;
        try
        {
            assembly = new TaskAssemblyLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException)
        {
            throw new NodeConfigurationException($"--tasks-assembly '{fullPath}' cannot be loaded: {e.Message}", e);
        }

        var definitions = new List<ITaskDefinition>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITaskDefinition).IsAssignableFrom(t)))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new NodeConfigurationException($"task type {type.FullName} in '{fullPath}' has no public parameterless constructor; the stock node creates task types with one (host PhaseFlow in your own app with AddPhaseFlow() to use dependency injection).");
            }

            try
            {
                definitions.Add((ITaskDefinition)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException e)
            {
                throw new NodeConfigurationException($"task type {type.FullName} in '{fullPath}' threw from its constructor: {e.InnerException?.Message}", e);
            }
        }

        if (definitions.Count == 0)
        {
            throw new NodeConfigurationException($"--tasks-assembly '{fullPath}' contains no task types: a task type is a public, non-abstract class deriving from TaskDefinition<TInput> with a public parameterless constructor.");
        }

        return definitions;
    }
}
