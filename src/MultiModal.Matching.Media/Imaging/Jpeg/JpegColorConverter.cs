using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// Turns decoded component planes into output pixels: upsampling (<see cref="JpegUpsampler"/>) then
/// YCbCr→RGB with libjpeg's fixed-point constants (JFIF: R = Y + 1.402·Cr', G = Y − 0.34414·Cb' − 0.71414·Cr',
/// B = Y + 1.772·Cb'), or CMYK/YCCK→RGB (Adobe's inverted CMYK: R = C·K/255).
/// </summary>
internal static partial class JpegColorConverter
{
    private const int Half = 1 << 15;
    private static readonly int[] CrR = Table(1.40200, Half, shift: true);
    private static readonly int[] CbB = Table(1.77200, Half, shift: true);
    private static readonly int[] CrG = Table(-0.71414, 0, shift: false);
    private static readonly int[] CbG = Table(-0.34414, Half, shift: false);

    public static RasterImage Convert(JpegFrame frame, JpegColorTransform transform, bool fancy)
    {
        int w = frame.Width, h = frame.Height;
        if (transform == JpegColorTransform.Gray)
        {
            byte[] gray = GC.AllocateUninitializedArray<byte>(w * h);
            JpegComponent c = frame.Components[0];
            for (int y = 0; y < h; y++)
            {
                c.Plane.AsSpan(y * c.PlaneStride, w).CopyTo(gray.AsSpan(y * w, w));
            }

            return new RasterImage(w, h, PixelFormat.Gray8, gray, ownsBuffer: true);
        }

        byte[] rgb = GC.AllocateUninitializedArray<byte>(checked(w * h * 3));
        int n = frame.Components.Length;
        int rowLength = (2 * frame.Components.Max(c => c.BlocksPerLine * 8)) + 16;
        byte[] scratch = ArrayPool<byte>.Shared.Rent(rowLength * 4);
        try
        {
            for (int y = 0; y < h; y++)
            {
                ReadOnlySpan<byte> c0 = JpegUpsampler.Row(frame, frame.Components[0], y, fancy, scratch.AsSpan(0, rowLength));
                ReadOnlySpan<byte> c1 = JpegUpsampler.Row(frame, frame.Components[1], y, fancy, scratch.AsSpan(rowLength, rowLength));
                ReadOnlySpan<byte> c2 = JpegUpsampler.Row(frame, frame.Components[2], y, fancy, scratch.AsSpan(2 * rowLength, rowLength));
                ReadOnlySpan<byte> c3 = n == 4 ? JpegUpsampler.Row(frame, frame.Components[3], y, fancy, scratch.AsSpan(3 * rowLength, rowLength)) : default;
                Span<byte> dst = rgb.AsSpan(y * w * 3, w * 3);
                switch (transform)
                {
                    case JpegColorTransform.YCbCr:
                        YCbCrToRgb(c0, c1, c2, dst);
                        break;
                    case JpegColorTransform.Rgb:
                        for (int x = 0; x < w; x++)
                        {
                            dst[3 * x] = c0[x];
                            dst[(3 * x) + 1] = c1[x];
                            dst[(3 * x) + 2] = c2[x];
                        }

                        break;
                    case JpegColorTransform.Cmyk:
                        for (int x = 0; x < w; x++)
                        {
                            int k = c3[x];
                            dst[3 * x] = Mul255(c0[x], k);
                            dst[(3 * x) + 1] = Mul255(c1[x], k);
                            dst[(3 * x) + 2] = Mul255(c2[x], k);
                        }

                        break;
                    default:
                        YCbCrToRgb(c0, c1, c2, dst);
                        for (int x = 0; x < w; x++)
                        {
                            int k = c3[x];
                            dst[3 * x] = Mul255(255 - dst[3 * x], k);
                            dst[(3 * x) + 1] = Mul255(255 - dst[(3 * x) + 1], k);
                            dst[(3 * x) + 2] = Mul255(255 - dst[(3 * x) + 2], k);
                        }

                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return new RasterImage(w, h, PixelFormat.Rgb8, rgb, ownsBuffer: true);
    }

    /// <summary>Converts one row; the SIMD path does whole groups of 32 or 16 pixels and the tables the rest (or everything when <paramref name="scalarOnly"/>, the tests' oracle).</summary>
    internal static void YCbCrToRgb(ReadOnlySpan<byte> yRow, ReadOnlySpan<byte> cbRow, ReadOnlySpan<byte> crRow, Span<byte> dst, bool scalarOnly = false)
    {
        int w = dst.Length / 3;
        if (yRow.Length < w || cbRow.Length < w || crRow.Length < w)
        {
            throw new ArgumentException("Component rows are shorter than the output row.", nameof(yRow));
        }

        ref int crR = ref MemoryMarshal.GetArrayDataReference(CrR);
        ref int cbB = ref MemoryMarshal.GetArrayDataReference(CbB);
        ref int crG = ref MemoryMarshal.GetArrayDataReference(CrG);
        ref int cbG = ref MemoryMarshal.GetArrayDataReference(CbG);
        ref byte ys = ref MemoryMarshal.GetReference(yRow);
        ref byte cbs = ref MemoryMarshal.GetReference(cbRow);
        ref byte crs = ref MemoryMarshal.GetReference(crRow);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int done = scalarOnly ? 0 : YCbCrToRgbSimd(ref ys, ref cbs, ref crs, ref d, w);
        ref byte limit = ref MemoryMarshal.GetArrayDataReference(RangeLimit);
        for (nint x = done; x < w; x++)
        {
            int yy = Unsafe.Add(ref ys, x) + 256, cb = Unsafe.Add(ref cbs, x), cr = Unsafe.Add(ref crs, x);
            ref byte o = ref Unsafe.Add(ref d, x * 3);
            o = Unsafe.Add(ref limit, yy + Unsafe.Add(ref crR, cr));
            Unsafe.Add(ref o, 1) = Unsafe.Add(ref limit, yy + ((Unsafe.Add(ref cbG, cb) + Unsafe.Add(ref crG, cr)) >> 16));
            Unsafe.Add(ref o, 2) = Unsafe.Add(ref limit, yy + Unsafe.Add(ref cbB, cb));
        }
    }

    /// <summary>Clamps index − 256 to 0..255 for indices 0..767 (every value y + 256 + offset can take).</summary>
    private static readonly byte[] RangeLimit = BuildRangeLimit();

    private static byte[] BuildRangeLimit()
    {
        var t = new byte[768];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = (byte)Math.Clamp(i - 256, 0, 255);
        }

        return t;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    private static byte Mul255(int a, int b)
    {
        int t = (a * b) + 128;
        return (byte)((t + (t >> 8)) >> 8);
    }

    private static int[] Table(double factor, int add, bool shift)
    {
        var t = new int[256];
        int fix = (int)Math.Round(factor * 65536);
        for (int i = 0; i < 256; i++)
        {
            int v = (fix * (i - 128)) + add;
            t[i] = shift ? v >> 16 : v;
        }

        return t;
    }
}
