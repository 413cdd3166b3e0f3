using Akka.Coordination;
using Akka.Event;

namespace PhaseFlow.Actors.Coordination;

/// <summary>
/// Keeps the leases one node holds in one database alive: a single statement renews all of them every heartbeat
/// interval, and a lease whose renewal has not been confirmed in time is given up (its holder told it is lost)
/// before the database lets anyone else take it.
/// </summary>
/// <remarks>
/// <para>
/// A renewal sent at local time <c>t</c> and confirmed makes the row expire at the database's <c>now + ttl</c>, which is
/// no earlier than <c>t + ttl</c>. The holder trusts the lease only until <c>t + ttl - 2 × heartbeat-interval</c> on its
/// own monotonic clock, so it lets go at least two heartbeat intervals before another node can take the lease over:
/// time for the shard or singleton that held it to stop its actors. Deadlines are checked every
/// <see cref="CheckInterval"/>, whether or not the database answers.
/// </para>
/// <para>One keeper serves every lease of a node's actor system (see <see cref="LeaseKeepers"/>).</para>
/// </remarks>
internal sealed class LeaseKeeper : IDisposable
{
    /// <summary>How often deadlines are checked and renewals started.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);

    private readonly PostgresLeaseTable _table;
    private readonly LeaseTimings _timings;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<(string Name, string Owner), Held> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _lastRenewalStart;
    private bool _renewing;

    /// <summary>Starts a keeper; it renews nothing until a lease is acquired through it.</summary>
    /// <param name="table">The lease table.</param>
    /// <param name="timings">Time to live, heartbeat interval and operation timeout.</param>
    /// <param name="time">The clock.</param>
    /// <param name="log">Where lost leases and failed renewals are logged.</param>
    public LeaseKeeper(PostgresLeaseTable table, LeaseTimings timings, TimeProvider time, ILoggingAdapter log)
    {
        _table = table;
        _timings = timings;
        _time = time;
        _log = log;
        _lastRenewalStart = time.GetTimestamp();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Takes a lease in the database and, when that succeeds, keeps it until it is released or lost. A lease another
    /// node holds is tried once more when that node's claim runs out (at most one time to live later): a holder that
    /// died (a killed node that had just downed another) is waited out rather than taken for a live one, while a live
    /// holder has renewed by then and keeps it.
    /// </summary>
    /// <param name="name">The lease.</param>
    /// <param name="owner">Its holder (the node's address).</param>
    /// <param name="lost">Told why, when the lease is lost; may be <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the lease is held.</returns>
    public async Task<bool> AcquireAsync(string name, string owner, Action<Exception>? lost)
    {
        if (await TryAcquireAsync(name, owner, lost))
        {
            return true;
        }

        var left = await WithTimeoutAsync(name, "Reading the lease", token => _table.TimeLeftAsync(name, token));
        if (left is not { } wait || wait > _timings.TimeToLive)
        {
            return false;
        }

        await Task.Delay(wait + CheckInterval, _time, _stop.Token);
        return await TryAcquireAsync(name, owner, lost);
    }

    private async Task<bool> TryAcquireAsync(string name, string owner, Action<Exception>? lost)
    {
        var sent = _time.GetTimestamp();
        var acquired = await WithTimeoutAsync(name, "Taking the lease", token => _table.TryAcquireAsync(name, owner, _timings.TimeToLive, token));
        if (acquired)
        {
            lock (_held)
            {
                _held[(name, owner)] = new Held(ValidUntil(sent), lost);
            }
        }

        return acquired;
    }

    /// <summary>Stops keeping a lease and gives it up in the database.</summary>
    /// <param name="name">The lease.</param>
    /// <param name="owner">Its holder.</param>
    /// <returns><see langword="true"/> when the lease was given up.</returns>
    public async Task<bool> ReleaseAsync(string name, string owner)
    {
        lock (_held)
        {
            _held.Remove((name, owner));
        }

        await WithTimeoutAsync(name, "Giving up the lease", async token =>
        {
            await _table.ReleaseAsync(name, owner, token);
            return true;
        });
        return true;
    }

    /// <summary>Tells whether a lease is held and its last confirmed renewal is recent enough to trust.</summary>
    /// <param name="name">The lease.</param>
    /// <param name="owner">Its holder.</param>
    /// <returns><see langword="true"/> when it is held.</returns>
    public bool Holds(string name, string owner)
    {
        lock (_held)
        {
            return _held.TryGetValue((name, owner), out var held) && _time.GetTimestamp() < held.ValidUntil;
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop.Wait(_timings.OperationTimeout);
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

    }

    /// <summary>Runs one database call within the operation timeout; a call that runs over fails with <see cref="LeaseTimeoutException"/>.</summary>
    private async Task<T> WithTimeoutAsync<T>(string name, string what, Func<CancellationToken, Task<T>> call)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_timings.OperationTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            throw new LeaseTimeoutException($"{what} {name} did not finish within {_timings.OperationTimeout.TotalSeconds:0.###} s.", e);
        }
    }

    private long ValidUntil(long sent) => sent + (long)(_timings.TrustedFor.TotalSeconds * _time.TimestampFrequency);

    private async Task LoopAsync()
    {
        using var ticks = new PeriodicTimer(CheckInterval, _time);
        try
        {
            while (await ticks.WaitForNextTickAsync(_stop.Token))
            {
                GiveUpOverdue();
                StartRenewalWhenDue();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void GiveUpOverdue()
    {
        var now = _time.GetTimestamp();
        List<((string Name, string Owner) Key, Held Held)> overdue;
        lock (_held)
        {
            // Told once. The lease is still renewed while the database keeps it this owner's: a holder that stopped
            // its work loses nothing by that, and one that only decides (the split-brain resolver, which is told
            // nothing) keeps its claim through a slow moment instead of handing it to the far side of a partition.
            overdue = _held.Where(h => !h.Value.Told && now >= h.Value.ValidUntil).Select(h => (h.Key, h.Value)).ToList();
            foreach (var (key, held) in overdue)
            {
                _held[key] = held with { Told = true };
            }
        }

        foreach (var ((name, _), held) in overdue)
        {
            Lose(name, held, new LeaseTimeoutException(
                $"The lease {name} could not be renewed for {_timings.TrustedFor.TotalSeconds:0.###} s (the database did not confirm it); what runs under it must stop now, before it can expire."));
        }
    }

    private void StartRenewalWhenDue()
    {
        List<IGrouping<string, string>> byOwner;
        long sent;
        lock (_held)
        {
            sent = _time.GetTimestamp();
            if (_renewing || _held.Count == 0 || _time.GetElapsedTime(_lastRenewalStart, sent) < _timings.HeartbeatInterval)
            {
                return;
            }

            _renewing = true;
            _lastRenewalStart = sent;
            byOwner = _held.Keys.GroupBy(k => k.Owner, k => k.Name).ToList();
        }

        _ = RenewAsync(byOwner, sent);
    }

    private async Task RenewAsync(List<IGrouping<string, string>> byOwner, long sent)
    {
        try
        {
            foreach (var names in byOwner)
            {
                var requested = names.ToList();
                var renewed = await WithTimeoutAsync(names.Key, "Renewing the leases of", token => _table.RenewAsync(names.Key, requested, _timings.TimeToLive, token));
                Confirm(names.Key, requested, renewed, sent);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            // Kept leases stay trusted until their deadline; the next heartbeat tries again.
            _log.Warning("PhaseFlow could not renew its cluster leases: {0}", e.Message);
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            lock (_held)
            {
                _renewing = false;
            }
        }
    }

    private void Confirm(string owner, List<string> requested, HashSet<string> renewed, long sent)
    {
        var taken = new List<(string Name, Held Held)>();
        lock (_held)
        {
            foreach (var name in requested)
            {
                if (!_held.TryGetValue((name, owner), out var held))
                {
                    continue; // released meanwhile
                }

                if (renewed.Contains(name))
                {
                    _held[(name, owner)] = held with { ValidUntil = Math.Max(held.ValidUntil, ValidUntil(sent)), Told = false };
                }
                else
                {
                    _held.Remove((name, owner));
                    taken.Add((name, held));
                }
            }
        }

        foreach (var (name, held) in taken.Where(t => !t.Held.Told))
        {
            Lose(name, held, new LeaseException($"The lease {name} is no longer held by {owner} in the database (it expired and was taken over)."));
        }
    }

    private void Lose(string name, Held held, Exception reason)
    {
        _log.Warning("PhaseFlow lost the cluster lease {0}: {1}", name, reason.Message);
        held.Lost?.Invoke(reason);
    }

    private sealed record Held(long ValidUntil, Action<Exception>? Lost, bool Told = false);
}
