namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// Decodes the entropy-coded data of one scan: sequential (Huffman, straight into samples through the
/// IDCT) or progressive (DC/AC first and refinement passes into the coefficient buffers), with restart
/// intervals. Every loop is bounded by the scan's block count.
/// </summary>
internal static partial class JpegScanDecoder
{
    /// <summary>Zig-zag index → natural (row-major) index.</summary>
    public static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    public static void DecodeScan(JpegFrame frame, JpegScan scan, int restartInterval, scoped ref JpegBitReader reader)
    {
        if (!frame.Progressive)
        {
            DecodeSequentialScan(frame, scan, restartInterval, ref reader);
            return;
        }

        foreach (JpegComponent c in scan.Components)
        {
            c.DcPredictor = 0;
        }

        var state = new ScanState();
        int restartsLeft = restartInterval;
        if (scan.Components.Length == 1)
        {
            JpegComponent c = scan.Components[0];
            int total = c.UsedBlocksPerLine * c.UsedBlockRows;
            for (int i = 0; i < total; i++)
            {
                CheckRestart(ref reader, restartInterval, ref restartsLeft, scan, ref state);
                int bx = i % c.UsedBlocksPerLine, by = i / c.UsedBlocksPerLine;
                DecodeBlock(scan, 0, c, bx, by, ref reader, ref state);
            }

            return;
        }

        int mcus = frame.McusPerLine * frame.McuRows;
        for (int m = 0; m < mcus; m++)
        {
            CheckRestart(ref reader, restartInterval, ref restartsLeft, scan, ref state);
            int mx = m % frame.McusPerLine, my = m / frame.McusPerLine;
            for (int ci = 0; ci < scan.Components.Length; ci++)
            {
                JpegComponent c = scan.Components[ci];
                for (int v = 0; v < c.V; v++)
                {
                    for (int h = 0; h < c.H; h++)
                    {
                        DecodeBlock(scan, ci, c, (mx * c.H) + h, (my * c.V) + v, ref reader, ref state);
                    }
                }
            }
        }
    }

    /// <summary>After the last scan of a progressive frame: dequantise and transform every block into samples.</summary>
    public static void Finish(JpegFrame frame)
    {
        foreach (JpegComponent c in frame.Components)
        {
            if (c.Quant is null)
            {
                // The component was in no scan (truncated file): mid-grey, as libjpeg leaves it.
                c.Plane.AsSpan().Fill(128);
                continue;
            }

            if (!frame.Progressive || c.Coefficients is null)
            {
                continue;
            }

            int stride = c.PlaneStride;
            for (int by = 0; by < c.BlockRows; by++)
            {
                for (int bx = 0; bx < c.BlocksPerLine; bx++)
                {
                    int index = (by * c.BlocksPerLine) + bx;
                    JpegIdct.Transform(c.Coefficients.AsSpan(index * 64, 64), c.Quant, c.Plane.AsSpan((by * 8 * stride) + (bx * 8)), stride);
                }
            }
        }
    }

    private static void CheckRestart(scoped ref JpegBitReader reader, int interval, ref int left, JpegScan scan, ref ScanState state)
    {
        if (interval == 0)
        {
            return;
        }

        if (left == 0)
        {
            reader.Restart();
            foreach (JpegComponent c in scan.Components)
            {
                c.DcPredictor = 0;
            }

            state.EobRun = 0;
            left = interval;
        }

        left--;
    }

    private static void DecodeBlock(JpegScan scan, int ci, JpegComponent c, int bx, int by, scoped ref JpegBitReader reader, ref ScanState state)
    {
        Span<short> coefs = c.Coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64);
        if (scan.Ss == 0)
        {
            if (scan.Ah == 0)
            {
                int t = reader.DecodeHuffman(scan.DcTables[ci]!);
                if (t > 16)
                {
                    ImageThrow.Invalid("JPEG", $"DC difference category {t} is out of range.");
                }

                c.DcPredictor += reader.Receive(t);
                coefs[0] = (short)(c.DcPredictor << scan.Al);
            }
            else if (reader.GetBit() != 0)
            {
                coefs[0] |= (short)(1 << scan.Al);
            }

            return;
        }

        if (scan.Ah == 0)
        {
            DecodeAcFirst(scan, scan.AcTables[ci]!, coefs, ref reader, ref state);
        }
        else
        {
            DecodeAcRefine(scan, scan.AcTables[ci]!, coefs, ref reader, ref state);
        }
    }

    private struct ScanState
    {
        public int EobRun;
    }
}
