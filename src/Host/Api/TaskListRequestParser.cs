using System.Globalization;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Api;

/// <summary>Reads the query string of <c>GET /tasks</c> (<c>state</c>, <c>type</c>, <c>limit</c>, <c>after</c>, <c>parent</c>) with a clear message for every mistake.</summary>
internal static class TaskListRequestParser
{
    private static readonly string[] Parameters = ["state", "type", "limit", "after", "parent"];

    /// <summary>Parses the query string.</summary>
    /// <param name="query">The query string.</param>
    /// <returns>The list query, or what is wrong.</returns>
    public static (TaskListQuery? Query, string? Problem) Parse(IQueryCollection query)
    {
        var unknown = query.Keys.Where(k => !Parameters.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return (null, $"Unknown query parameter(s) {string.Join(", ", unknown)}; GET /tasks takes {string.Join(", ", Parameters)}.");
        }

        // A repeated parameter reaches here as its values joined by commas ("Running,Reverted"), which Enum.TryParse would
        // combine into a third state: refuse it rather than pick or merge.
        var repeated = Parameters.Where(p => query.TryGetValue(p, out var values) && values.Count > 1).ToList();
        if (repeated.Count > 0)
        {
            return (null, $"Query parameter(s) {string.Join(", ", repeated)} given more than once; give each at most once.");
        }

        TaskLifecycleState? state = null;
        if (query.TryGetValue("state", out var stateText) && !string.IsNullOrEmpty(stateText))
        {
            var name = stateText.ToString();
            if (!Enum.GetNames<TaskLifecycleState>().Contains(name.Trim(), StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<TaskLifecycleState>(name, ignoreCase: true, out var parsed))
            {
                return (null, $"state '{stateText}' is not a task state; use one of {string.Join(", ", Enum.GetNames<TaskLifecycleState>())}.");
            }

            state = parsed;
        }

        var type = query.TryGetValue("type", out var typeText) && !string.IsNullOrEmpty(typeText) ? typeText.ToString() : null;

        var parent = query.TryGetValue("parent", out var parentText) && !string.IsNullOrEmpty(parentText) ? parentText.ToString() : null;
        if (parent is not null && !TaskIds.IsValid(parent))
        {
            return (null, $"parent: {TaskIds.Explain(parent)}");
        }

        var limit = PhaseFlowApi.DefaultPageSize;
        if (query.TryGetValue("limit", out var limitText) && !string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PhaseFlowApi.MaxPageSize))
        {
            return (null, $"limit '{limitText}' is invalid; use a whole number from 1 to {PhaseFlowApi.MaxPageSize} (default {PhaseFlowApi.DefaultPageSize}).");
        }

        TaskListCursor? after = null;
        if (query.TryGetValue("after", out var afterText) && !string.IsNullOrEmpty(afterText) && !TaskListCursor.TryDecode(afterText!, out after))
        {
            return (null, $"after '{afterText}' is not a cursor; pass the \"next\" value of the previous page unchanged.");
        }

        return (new TaskListQuery(state, type, limit, after, parent), null);
    }
}
