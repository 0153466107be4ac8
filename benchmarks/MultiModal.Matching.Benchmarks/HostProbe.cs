using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Benchmarks;

/// <summary>
/// A fixed amount of integer work with no memory traffic, timed beside the cases it accompanies so that a run shows how
/// much of the core it had. On the shared reference machine another guest on the core's second hardware thread takes
/// execution ports and half the L2 for minutes at a time; this probe then reads up to twice its quiet time, and every
/// other case in the run slows with it. It makes that visible in the run's own table instead of in a note beside it.
/// </summary>
public static class HostProbe
{
    /// <summary>Iterations of <see cref="IntegerChains"/> in one probe call (about 4 µs on the quiet machine).</summary>
    public const int Iterations = 4096;

    /// <summary>
    /// Eight independent add/xor chains, <paramref name="iterations"/> steps each: bound by the core's integer
    /// throughput, not by latency or memory. The result depends on every step, so none is optimised away.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong IntegerChains(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        ulong a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
        for (ulong i = 0; i < (ulong)iterations; i++)
        {
            a += i;
            b ^= i;
            c += a;
            d ^= b;
            e += i;
            f ^= c;
            g += d;
            h ^= e;
        }

        return a + b + c + d + e + f + g + h;
    }
}
