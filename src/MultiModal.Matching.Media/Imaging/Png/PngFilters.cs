using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Media.Imaging.Png;

/// <summary>Reverses the five PNG row filters in place.</summary>
internal static class PngFilters
{
    /// <summary>Unfilters <paramref name="row"/> given the previous unfiltered row (all zeros for the first row).</summary>
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        int n = row.Length;
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(previous);
        switch (filter)
        {
            case 0:
                return;
            case 1:
                for (int i = bpp; i < n; i++)
                {
                    Unsafe.Add(ref r, i) += Unsafe.Add(ref r, i - bpp);
                }

                return;
            case 2:
                UnfilterUp(row, previous);
                return;
            case 3:
                for (int i = 0; i < bpp; i++)
                {
                    Unsafe.Add(ref r, i) += (byte)(Unsafe.Add(ref p, i) >> 1);
                }

                for (int i = bpp; i < n; i++)
                {
                    Unsafe.Add(ref r, i) += (byte)((Unsafe.Add(ref r, i - bpp) + Unsafe.Add(ref p, i)) >> 1);
                }

                return;
            case 4:
                for (int i = 0; i < bpp; i++)
                {
                    Unsafe.Add(ref r, i) += Unsafe.Add(ref p, i);
                }

                for (int i = bpp; i < n; i++)
                {
                    Unsafe.Add(ref r, i) += Paeth(Unsafe.Add(ref r, i - bpp), Unsafe.Add(ref p, i), Unsafe.Add(ref p, i - bpp));
                }

                return;
            default:
                ImageThrow.Invalid("PNG", $"unknown row filter type {filter}.");
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte Paeth(int a, int b, int c)
    {
        int pa = Math.Abs(b - c);
        int pb = Math.Abs(a - c);
        int pc = Math.Abs(a + b - c - c);
        if (pa <= pb && pa <= pc)
        {
            return (byte)a;
        }

        return pb <= pc ? (byte)b : (byte)c;
    }

    private static void UnfilterUp(Span<byte> row, ReadOnlySpan<byte> previous)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<byte>.Count <= row.Length; i += Vector128<byte>.Count)
            {
                var v = Vector128.Create(row.Slice(i, 16)) + Vector128.Create(previous.Slice(i, 16));
                v.CopyTo(row[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            row[i] += previous[i];
        }
    }
}
