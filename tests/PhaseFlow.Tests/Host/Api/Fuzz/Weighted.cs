using System.Diagnostics;
using CsCheck;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>Picks one of several generators by weight (CsCheck's <c>Frequency</c> overloads also match a generator as a constant).</summary>
public static class Weighted
{
    /// <summary>Picks a generator with probability proportional to its weight, then draws from it.</summary>
    /// <typeparam name="T">What the generators make.</typeparam>
    /// <param name="options">Weights and generators.</param>
    /// <returns>The combined generator.</returns>
    public static Gen<T> OneOf<T>(params (int Weight, Gen<T> Gen)[] options)
    {
        var total = options.Sum(o => o.Weight);
        return Gen.Int[0, total - 1].SelectMany<int, T>(pick =>
        {
            foreach (var (weight, gen) in options)
            {
                if (pick < weight)
                {
                    return gen;
                }

                pick -= weight;
            }

            throw new UnreachableException();
        });
    }
}
