using System.Runtime.CompilerServices;

namespace MultiModal.Matching.Encoding;

/// <summary>
/// Hashes that are the same in every process, on every platform and in every .NET version (unlike
/// <see cref="string.GetHashCode()"/>, which is randomised per process). Not cryptographic.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>FNV-1a (64-bit) over bytes, then a Murmur3 finaliser so every output bit depends on every input bit.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> data)
    {
        ulong h = FnvOffset;
        foreach (byte b in data)
        {
            h = (h ^ b) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>FNV-1a (64-bit) over UTF-16 code units (each as one 16-bit step), then the finaliser.</summary>
    public static ulong Hash64(ReadOnlySpan<char> text, ulong seed = 0)
    {
        ulong h = FnvOffset ^ seed;
        foreach (char c in text)
        {
            h = (h ^ c) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>Combines two hashes (order matters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    /// <summary>The Murmur3 64-bit finaliser (fmix64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
