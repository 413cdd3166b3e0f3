using System.Reflection;
using System.Runtime.Loader;

namespace PhaseFlow.Host.Node;

/// <summary>
/// Loads a task assembly and its own dependencies, while sharing every assembly the node itself ships
/// (PhaseFlow.Contracts above all), so the node and the tasks agree on <c>ITaskDefinition</c> and friends.
/// </summary>
/// <param name="assemblyPath">The task assembly's full path.</param>
internal sealed class TaskAssemblyLoadContext(string assemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(assemblyPath))
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The node's copy wins: a second copy of PhaseFlow.Contracts would make the task types invisible to it.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll")))
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    /// <inheritdoc/>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
