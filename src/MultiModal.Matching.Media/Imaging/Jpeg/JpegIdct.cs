using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// The 8×8 inverse DCT in single precision as two matrix products, out = Cᵀ·F·C, one 8-lane vector per
/// row (Vector256): 128 fused multiply-adds per block, all-zero rows skipped, and a DC-only shortcut.
/// Accuracy is that of a float IDCT (well inside IEEE 1180), i.e. within ±1 of libjpeg's islow.
/// </summary>
internal static class JpegIdct
{
    /// <summary>Row u holds C[u][x] = c(u)/2·cos((2x+1)uπ/16).</summary>
    private static readonly float[] Basis = BuildBasis();

    /// <summary>
    /// Dequantises <paramref name="coefficients"/> (natural order) with <paramref name="quant"/> and writes the
    /// 8×8 samples (level-shifted, rounded, clamped to 0..255) at <paramref name="output"/> with <paramref name="stride"/>.
    /// </summary>
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<float> quant, Span<byte> output, int stride)
    {
        ref short f = ref MemoryMarshal.GetReference(coefficients);
        ref float q = ref MemoryMarshal.GetReference(quant);
        ref byte o = ref MemoryMarshal.GetReference(output);

        bool acZero = true;
        for (int i = 1; i < 64; i++)
        {
            if (Unsafe.Add(ref f, i) != 0)
            {
                acZero = false;
                break;
            }
        }

        if (acZero)
        {
            float dc = (f * q / 8f) + 128.5f;
            byte v = (byte)Math.Clamp((int)MathF.Floor(dc), 0, 255);
            ulong fill = v * 0x0101010101010101UL;
            for (int y = 0; y < 8; y++)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, y * stride), fill);
            }

            return;
        }

        ref float b = ref MemoryMarshal.GetArrayDataReference(Basis);
        Span<Vector256<float>> t = stackalloc Vector256<float>[8];
        for (int v = 0; v < 8; v++)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (int u = 0; u < 8; u++)
            {
                int k = (v * 8) + u;
                short c = Unsafe.Add(ref f, k);
                if (c != 0)
                {
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create(c * Unsafe.Add(ref q, k)), Vector256.LoadUnsafe(ref b, (nuint)(u * 8)), acc);
                }
            }

            t[v] = acc;
        }

        Vector256<float> bias = Vector256.Create(128.5f);
        Vector256<float> max = Vector256.Create(255.99f);
        Span<Vector256<int>> rows = stackalloc Vector256<int>[8];
        for (int y = 0; y < 8; y++)
        {
            Vector256<float> acc = bias;
            for (int v = 0; v < 8; v++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref b, (v * 8) + y)), t[v], acc);
            }

            acc = Vector256.Min(Vector256.Max(acc, Vector256<float>.Zero), max);
            rows[y] = Vector256.ConvertToInt32(acc);
        }

        for (int y = 0; y < 8; y += 2)
        {
            Vector256<short> s = Vector256.Narrow(rows[y], rows[y + 1]);
            Vector256<byte> bytes = Vector256.Narrow(s.AsUInt16(), s.AsUInt16());
            Vector256<ulong> lanes = bytes.AsUInt64();
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, y * stride), lanes.GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, (y + 1) * stride), lanes.GetElement(1));
        }
    }

    /// <summary>A double-precision reference of the same transform, for tests.</summary>
    internal static void TransformReference(ReadOnlySpan<short> coefficients, ReadOnlySpan<float> quant, Span<byte> output, int stride)
    {
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                double sum = 0;
                for (int v = 0; v < 8; v++)
                {
                    for (int u = 0; u < 8; u++)
                    {
                        double cu = u == 0 ? Math.Sqrt(0.5) : 1, cv = v == 0 ? Math.Sqrt(0.5) : 1;
                        sum += cu * cv / 4 * coefficients[(v * 8) + u] * quant[(v * 8) + u]
                            * Math.Cos(((2 * x) + 1) * u * Math.PI / 16) * Math.Cos(((2 * y) + 1) * v * Math.PI / 16);
                    }
                }

                output[(y * stride) + x] = (byte)Math.Clamp((int)Math.Floor(sum + 128.5), 0, 255);
            }
        }
    }

    private static float[] BuildBasis()
    {
        var basis = new float[64];
        for (int u = 0; u < 8; u++)
        {
            double cu = u == 0 ? Math.Sqrt(0.5) : 1;
            for (int x = 0; x < 8; x++)
            {
                basis[(u * 8) + x] = (float)(cu / 2 * Math.Cos(((2 * x) + 1) * u * Math.PI / 16));
            }
        }

        return basis;
    }
}
