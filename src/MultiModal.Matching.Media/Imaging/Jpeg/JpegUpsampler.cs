namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// Produces one full-resolution row of a (possibly subsampled) component: libjpeg's "fancy" triangle
/// filter for 2:1 horizontal (h2v1), 2:1 both ways (h2v2) and 2:1 vertical (h1v2), replication otherwise.
/// Edges replicate the component's last real sample, as libjpeg does.
/// </summary>
internal static class JpegUpsampler
{
    /// <summary>Writes row <paramref name="y"/> of component <paramref name="c"/> at full resolution into <paramref name="dst"/> (at least 2·SampleWidth+2 bytes).</summary>
    public static ReadOnlySpan<byte> Row(JpegFrame frame, JpegComponent c, int y, bool fancy, Span<byte> dst)
    {
        int stride = c.PlaneStride;
        byte[] plane = c.Plane;
        if (c.H == frame.MaxH && c.V == frame.MaxV)
        {
            return plane.AsSpan(y * stride, frame.Width);
        }

        bool intH = frame.MaxH % c.H == 0, intV = frame.MaxV % c.V == 0;
        int sx = frame.MaxH / c.H, sy = frame.MaxV / c.V;
        int n = c.SampleWidth;
        if (fancy && intH && intV && sx == 2 && sy == 1)
        {
            H2V1(plane.AsSpan(y * stride, n), dst);
            return dst[..frame.Width];
        }

        if (fancy && intH && intV && sx == 2 && sy == 2)
        {
            int cy = y >> 1;
            int near = (y & 1) == 0 ? Math.Max(cy - 1, 0) : Math.Min(cy + 1, c.SampleHeight - 1);
            H2V2(plane.AsSpan(cy * stride, n), plane.AsSpan(near * stride, n), dst);
            return dst[..frame.Width];
        }

        if (fancy && intH && intV && sx == 1 && sy == 2)
        {
            int cy = y >> 1;
            int near = (y & 1) == 0 ? Math.Max(cy - 1, 0) : Math.Min(cy + 1, c.SampleHeight - 1);
            ReadOnlySpan<byte> a = plane.AsSpan(cy * stride, frame.Width), b = plane.AsSpan(near * stride, frame.Width);
            int bias = (y & 1) == 0 ? 1 : 2;
            for (int x = 0; x < frame.Width; x++)
            {
                dst[x] = (byte)(((a[x] * 3) + b[x] + bias) >> 2);
            }

            return dst[..frame.Width];
        }

        int srcY = Math.Min((int)((long)y * c.V / frame.MaxV), c.SampleHeight - 1);
        ReadOnlySpan<byte> src = plane.AsSpan(srcY * stride, stride);
        if (intH && sx == 2)
        {
            for (int x = 0, i = 0; x + 1 < frame.Width; x += 2, i++)
            {
                dst[x] = dst[x + 1] = src[i];
            }

            if ((frame.Width & 1) != 0)
            {
                dst[frame.Width - 1] = src[(frame.Width - 1) >> 1];
            }
        }
        else
        {
            for (int x = 0; x < frame.Width; x++)
            {
                dst[x] = src[Math.Min((int)((long)x * c.H / frame.MaxH), n - 1)];
            }
        }

        return dst[..frame.Width];
    }

    private static void H2V1(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int n = src.Length;
        if (n == 1)
        {
            dst[0] = dst[1] = src[0];
            return;
        }

        dst[0] = src[0];
        dst[1] = (byte)(((src[0] * 3) + src[1] + 2) >> 2);
        for (int i = 1; i < n - 1; i++)
        {
            int t = src[i] * 3;
            dst[2 * i] = (byte)((t + src[i - 1] + 1) >> 2);
            dst[(2 * i) + 1] = (byte)((t + src[i + 1] + 2) >> 2);
        }

        dst[(2 * n) - 2] = (byte)(((src[n - 1] * 3) + src[n - 2] + 1) >> 2);
        dst[(2 * n) - 1] = src[n - 1];
    }

    private static void H2V2(ReadOnlySpan<byte> row, ReadOnlySpan<byte> nearer, Span<byte> dst)
    {
        int n = row.Length;
        int cs0 = (row[0] * 3) + nearer[0];
        if (n == 1)
        {
            dst[0] = (byte)(((cs0 * 4) + 8) >> 4);
            dst[1] = (byte)(((cs0 * 4) + 7) >> 4);
            return;
        }

        int last = cs0;
        int cur = cs0;
        int next = (row[1] * 3) + nearer[1];
        dst[0] = (byte)(((cur * 4) + 8) >> 4);
        dst[1] = (byte)(((cur * 3) + next + 7) >> 4);
        for (int i = 1; i < n - 1; i++)
        {
            last = cur;
            cur = next;
            next = (row[i + 1] * 3) + nearer[i + 1];
            dst[2 * i] = (byte)(((cur * 3) + last + 8) >> 4);
            dst[(2 * i) + 1] = (byte)(((cur * 3) + next + 7) >> 4);
        }

        last = cur;
        cur = next;
        dst[(2 * n) - 2] = (byte)(((cur * 3) + last + 8) >> 4);
        dst[(2 * n) - 1] = (byte)(((cur * 4) + 7) >> 4);
    }
}
