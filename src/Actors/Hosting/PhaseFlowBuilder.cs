using Microsoft.Extensions.DependencyInjection;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Hosting;

/// <summary>Adds task types to a PhaseFlow node; returned by <see cref="PhaseFlowServiceCollectionExtensions.AddPhaseFlow"/>.</summary>
public sealed class PhaseFlowBuilder
{
    internal PhaseFlowBuilder(IServiceCollection services, TaskTypeRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>Gets the service collection PhaseFlow was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the registry the node's task actors resolve task types from.</summary>
    public TaskTypeRegistry Registry { get; }

    /// <summary>Registers a task type with a parameterless constructor.</summary>
    /// <typeparam name="TTask">The task type.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Its name is invalid or already registered.</exception>
    public PhaseFlowBuilder AddTask<TTask>()
        where TTask : ITaskDefinition, new() => AddTask(new TTask());

    /// <summary>Registers a task type instance.</summary>
    /// <param name="definition">The task type.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">Its name is invalid or already registered.</exception>
    public PhaseFlowBuilder AddTask(ITaskDefinition definition)
    {
        Registry.Register(definition);
        return this;
    }
}
