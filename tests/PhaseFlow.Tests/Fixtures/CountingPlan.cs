using System.Collections;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>A plan that is not an iterator: its enumerator's Dispose is observable even after it ended.</summary>
internal sealed class CountingPlan(IEnumerable<Phase> inner) : IEnumerable<Phase>
{
    /// <summary>Gets how many times an enumerator of this plan was disposed.</summary>
    public int Disposed { get; private set; }

    public IEnumerator<Phase> GetEnumerator() => new Counting(inner.GetEnumerator(), this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Counting(IEnumerator<Phase> inner, CountingPlan owner) : IEnumerator<Phase>
    {
        public Phase Current => inner.Current;

        object IEnumerator.Current => Current;

        public bool MoveNext() => inner.MoveNext();

        public void Reset() => inner.Reset();

        public void Dispose()
        {
            owner.Disposed++;
            inner.Dispose();
        }
    }
}
