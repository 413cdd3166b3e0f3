using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit.Sdk;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// The one way tests outside an actor test kit wait for something that happens on its own time (a node process, a
/// file another process writes, a read model): observe a value, assert on it, and try again until the assertion
/// holds or the patience runs out. The failure says what was expected, how long was waited and the last value seen.
/// (Actor tests use the test kit's <c>AwaitAssertAsync</c> and <c>ExpectMsgAsync</c>.)
/// </summary>
public static class Eventually
{
    /// <summary>Gets how long a wait lasts unless the caller says otherwise.</summary>
    public static TimeSpan DefaultPatience { get; } = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);
    private const int MaxDescriptionLength = 4000;

    private static readonly JsonSerializerOptions DescriptionJson = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Observes a value until <paramref name="assertion"/> accepts it, and returns that value. An exception from
    /// <paramref name="observe"/> (a node not listening yet, a file not there yet) counts as "not yet" too, unless it
    /// is one made by <see cref="GiveUp"/>.
    /// </summary>
    /// <param name="observe">Reads the current value.</param>
    /// <param name="assertion">Throws (an xunit assertion) while the value is not what the test waits for.</param>
    /// <param name="patience">How long to keep trying; <see cref="DefaultPatience"/> by default.</param>
    /// <param name="context">More to show when the wait fails (for example the end of a node's output).</param>
    /// <param name="interval">The longest pause between two tries (the first ones come sooner); 200 ms by default.</param>
    /// <param name="cancellationToken">Stops the wait (with <see cref="OperationCanceledException"/>).</param>
    /// <returns>The first observed value the assertion accepted.</returns>
    /// <exception cref="XunitException">The assertion still failed when the patience ran out.</exception>
    public static async Task<T> HoldsAsync<T>(
        Func<Task<T>> observe,
        Action<T> assertion,
        TimeSpan? patience = null,
        Func<string>? context = null,
        TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = patience ?? DefaultPatience;
        var longest = interval ?? DefaultInterval;
        var pause = FirstInterval < longest ? FirstInterval : longest;
        var clock = Stopwatch.StartNew();
        var tries = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tries++;
            var observed = false;
            T value = default!;
            Exception failure;
            try
            {
                value = await observe();
                observed = true;
                assertion(value);
                return value;
            }
            catch (GaveUpException)
            {
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                failure = e;
            }

            if (clock.Elapsed >= limit)
            {
                throw new XunitException(
                    $"Still not so after {clock.Elapsed.TotalSeconds:0.0} s ({tries} tries): {failure.Message}\n" +
                    $"Last observed: {(observed ? Describe(value) : $"nothing, reading failed ({failure.GetType().Name})")}" +
                    (context is null ? string.Empty : "\n" + context()));
            }

            await Task.Delay(pause, cancellationToken);
            pause = pause * 2 < longest ? pause * 2 : longest;
        }
    }

    /// <summary>Observes a value until <paramref name="assertion"/> accepts it (a synchronous read, such as a file or a SQLite journal).</summary>
    /// <inheritdoc cref="HoldsAsync{T}(Func{Task{T}}, Action{T}, TimeSpan?, Func{string}?, TimeSpan?, CancellationToken)"/>
    public static Task<T> HoldsAsync<T>(
        Func<T> observe,
        Action<T> assertion,
        TimeSpan? patience = null,
        Func<string>? context = null,
        TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observe);
        return HoldsAsync(() => Task.FromResult(observe()), assertion, patience, context, interval, cancellationToken);
    }

    /// <summary>Runs <paramref name="assertion"/> until it passes (for checks that read and assert in one go).</summary>
    /// <param name="assertion">Reads and asserts; throws while the condition does not hold.</param>
    /// <param name="patience">How long to keep trying; <see cref="DefaultPatience"/> by default.</param>
    /// <param name="context">More to show when the wait fails.</param>
    /// <param name="interval">The longest pause between two tries; 200 ms by default.</param>
    /// <returns>A task that completes when the assertion passed.</returns>
    public static Task HoldsAsync(Func<Task> assertion, TimeSpan? patience = null, Func<string>? context = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return HoldsAsync<bool>(
            async () =>
            {
                await assertion();
                return true;
            },
            _ => { },
            patience,
            context,
            interval);
    }

    /// <summary>
    /// An exception that ends a wait at once instead of being retried: for a state that can never turn into the one
    /// waited for (the process being waited on exited).
    /// </summary>
    /// <param name="message">What happened.</param>
    /// <returns>The exception to throw from the observation or the assertion.</returns>
    public static Exception GiveUp(string message) => new GaveUpException(message);

    private static string Describe<T>(T value)
    {
        string text;
        if (value is string s)
        {
            text = s;
        }
        else
        {
            try
            {
                text = JsonSerializer.Serialize(value, DescriptionJson);
            }
            catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
            {
                text = value?.ToString() ?? "null";
            }
        }

        return text.Length <= MaxDescriptionLength ? text : "…" + text[^MaxDescriptionLength..];
    }

    private sealed class GaveUpException(string message) : XunitException(message);
}
