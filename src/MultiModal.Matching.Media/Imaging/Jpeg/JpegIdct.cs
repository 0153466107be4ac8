using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    [SkipLocalsInit]
    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<float> quant, Span<byte> output, int stride)
    {
        ref short f = ref MemoryMarshal.GetReference(coefficients);
        ref float q = ref MemoryMarshal.GetReference(quant);
        ref byte o = ref MemoryMarshal.GetReference(output);

        Vector256<short> rows01 = Vector256.LoadUnsafe(ref f), rows23 = Vector256.LoadUnsafe(ref f, 16);
        Vector256<short> rows45 = Vector256.LoadUnsafe(ref f, 32), rows67 = Vector256.LoadUnsafe(ref f, 48);
        Vector256<short> any = (rows01 & DcMask) | rows23 | rows45 | rows67;
        if (any == Vector256<short>.Zero)
        {
            FillDc(f, q, output, stride);
            return;
        }

        // The last coefficient column holding a non-zero value: pass 2 stops there (the later terms are exact zeros).
        Vector256<short> all = rows01 | rows23 | rows45 | rows67;
        Vector128<short> columns = all.GetLower() | all.GetUpper();
        uint nonZeroColumns = ~Vector128.Equals(columns, Vector128<short>.Zero).ExtractMostSignificantBits() & 0xFF;
        int lastColumn = 31 - BitOperations.LeadingZeroCount(nonZeroColumns);

        // Pass 1, over the coefficient rows v: G_y += C[v][y] · (F_v ⊙ Q_v). All-zero rows are skipped.
        ref float b = ref MemoryMarshal.GetArrayDataReference(Basis);
        Vector256<float> g0 = default, g1 = default, g2 = default, g3 = default, g4 = default, g5 = default, g6 = default, g7 = default;
        for (int v = 0; v < 8; v++)
        {
            Vector128<short> row = Vector128.LoadUnsafe(ref f, (nuint)(v * 8));
            if (row == Vector128<short>.Zero)
            {
                continue;
            }

            Vector256<int> wide = Avx2.IsSupported
                ? Avx2.ConvertToVector256Int32(row)
                : Vector256.Create(Vector128.WidenLower(row), Vector128.WidenUpper(row));
            Vector256<float> fr = Vector256.ConvertToSingle(wide) * Vector256.LoadUnsafe(ref q, (nuint)(v * 8));
            ref float c = ref Unsafe.Add(ref b, v * 8);
            g0 = Vector256.FusedMultiplyAdd(Vector256.Create(c), fr, g0);
            g1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 1)), fr, g1);
            g2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 2)), fr, g2);
            g3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 3)), fr, g3);
            g4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 4)), fr, g4);
            g5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 5)), fr, g5);
            g6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 6)), fr, g6);
            g7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref c, 7)), fr, g7);
        }

        // Pass 2, per output row y: out_y = Σ_u G[y][u] · C_u (u ascending, up to the last non-zero column),
        // then level shift, round and clamp.
        Span<float> gs = stackalloc float[64];
        ref float gr = ref MemoryMarshal.GetReference(gs);
        g0.StoreUnsafe(ref gr, 0);
        g1.StoreUnsafe(ref gr, 8);
        g2.StoreUnsafe(ref gr, 16);
        g3.StoreUnsafe(ref gr, 24);
        g4.StoreUnsafe(ref gr, 32);
        g5.StoreUnsafe(ref gr, 40);
        g6.StoreUnsafe(ref gr, 48);
        g7.StoreUnsafe(ref gr, 56);
        Vector256<float> c0 = Vector256.LoadUnsafe(ref b, 0);
        Vector256<float> bias = Vector256.Create(128.5f);
        Vector256<float> a0 = Vector256.FusedMultiplyAdd(Vector256.Create(gr), c0, bias);
        Vector256<float> a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 8)), c0, bias);
        Vector256<float> a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 16)), c0, bias);
        Vector256<float> a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 24)), c0, bias);
        Vector256<float> a4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 32)), c0, bias);
        Vector256<float> a5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 40)), c0, bias);
        Vector256<float> a6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 48)), c0, bias);
        Vector256<float> a7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gr, 56)), c0, bias);
        for (int u = 1; u <= lastColumn; u++)
        {
            Vector256<float> cu = Vector256.LoadUnsafe(ref b, (nuint)(u * 8));
            ref float gu = ref Unsafe.Add(ref gr, u);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(gu), cu, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 8)), cu, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 16)), cu, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 24)), cu, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 32)), cu, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 40)), cu, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 48)), cu, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref gu, 56)), cu, a7);
        }

        StoreRows(a0, a1, ref o);
        StoreRows(a2, a3, ref Unsafe.Add(ref o, 2 * stride));
        StoreRows(a4, a5, ref Unsafe.Add(ref o, 4 * stride));
        StoreRows(a6, a7, ref Unsafe.Add(ref o, 6 * stride));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void StoreRows(Vector256<float> upper, Vector256<float> lower, ref byte destination)
        {
            Vector256<float> max = Vector256.Create(255.99f);
            Vector256<int> i0, i1;
            if (Avx.IsSupported)
            {
                // The values are finite, so the plain x86 min/max/truncate give the same result without the
                // NaN and saturation fix-ups of the portable operators.
                i0 = Avx.ConvertToVector256Int32WithTruncation(Avx.Min(Avx.Max(upper, Vector256<float>.Zero), max));
                i1 = Avx.ConvertToVector256Int32WithTruncation(Avx.Min(Avx.Max(lower, Vector256<float>.Zero), max));
            }
            else
            {
                i0 = Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(upper, Vector256<float>.Zero), max));
                i1 = Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(lower, Vector256<float>.Zero), max));
            }

            Vector256<short> s = Vector256.Narrow(i0, i1);
            Vector256<ulong> lanes = Vector256.Narrow(s.AsUInt16(), s.AsUInt16()).AsUInt64();
            Unsafe.WriteUnaligned(ref destination, lanes.GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, stride), lanes.GetElement(1));
        }
    }

    /// <summary>The transform of a block whose only non-zero coefficient is <paramref name="dc"/>: one flat value.</summary>
    public static void FillDc(short dc, float quant, Span<byte> output, int stride)
    {
        float level = (dc * quant / 8f) + 128.5f;
        byte v = (byte)Math.Clamp((int)MathF.Floor(level), 0, 255);
        ulong fill = v * 0x0101010101010101UL;
        ref byte o = ref MemoryMarshal.GetReference(output);
        for (int y = 0; y < 8; y++)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, y * stride), fill);
        }
    }

    private static Vector256<short> DcMask => Vector256.Create(0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);

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
