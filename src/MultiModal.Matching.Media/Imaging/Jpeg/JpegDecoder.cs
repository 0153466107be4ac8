using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Imaging.Jpeg;

/// <summary>
/// JPEG decoder: the marker walk (SOF0/1/2, DHT, DQT, DRI, SOS, APP1 EXIF, APP14 Adobe), then
/// <see cref="JpegScanDecoder"/> for the entropy-coded scans and <see cref="JpegColorConverter"/> for
/// upsampling and colour conversion. Truncated data decodes partially (missing data reads as zero bits).
/// </summary>
internal sealed class JpegDecoder
{
    private const string Fmt = "JPEG";

    /// <summary>Real encoders emit at most a few dozen scans; many more only serve to burn CPU (libjpeg-turbo caps them too).</summary>
    private const int MaxScans = 1000;

    private readonly ImageDecoderOptions _options;
    private readonly float[]?[] _quant = new float[4][];
    private readonly JpegHuffmanTable?[] _dc = new JpegHuffmanTable[4];
    private readonly JpegHuffmanTable?[] _ac = new JpegHuffmanTable[4];
    private JpegFrame? _frame;
    private int _restartInterval;
    private int _adobeTransform = -1;
    private bool _jfif;
    private int _orientation = 1;

    private JpegDecoder(ImageDecoderOptions options) => _options = options;

    public static RasterImage Decode(ReadOnlySpan<byte> data, ImageDecoderOptions options)
    {
        var decoder = new JpegDecoder(options);
        try
        {
            return decoder.Run(data);
        }
        finally
        {
            decoder._frame?.Release();
        }
    }

    private RasterImage Run(ReadOnlySpan<byte> data)
    {
        int pos = 2;
        bool sawScan = false;
        int scans = 0;
        while (true)
        {
            // Find the next marker, skipping garbage and 0xFF fill bytes.
            while (pos < data.Length && data[pos] != 0xFF)
            {
                pos++;
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                break;
            }

            int marker = data[pos++];
            if (marker == 0xD9)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (data.Length - pos < 2)
            {
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2)
            {
                ImageThrow.Invalid(Fmt, $"marker 0xFF{marker:X2} has length {length}.");
            }

            if (length > data.Length - pos)
            {
                if (sawScan)
                {
                    break;
                }

                ImageThrow.Invalid(Fmt, $"truncated: marker 0xFF{marker:X2} declares {length} bytes but {data.Length - pos} remain.");
            }

            ReadOnlySpan<byte> body = data.Slice(pos + 2, length - 2);
            pos += length;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2:
                    ReadFrame(body, progressive: marker == 0xC2);
                    break;
                case 0xC3 or (>= 0xC5 and <= 0xC7) or (>= 0xC9 and <= 0xCB) or (>= 0xCD and <= 0xCF):
                    ImageThrow.Unsupported(ImageFormat.Jpeg, $"SOF{marker - 0xC0} (lossless, hierarchical or arithmetic-coded JPEG) is not supported.");
                    break;
                case 0xC4:
                    ReadHuffmanTables(body);
                    break;
                case 0xDB:
                    ReadQuantTables(body);
                    break;
                case 0xDD:
                    if (body.Length < 2)
                    {
                        ImageThrow.Invalid(Fmt, "DRI segment is too short.");
                    }

                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case 0xDA:
                    if (_frame is null)
                    {
                        ImageThrow.Invalid(Fmt, "a scan (SOS) comes before the frame header (SOF).");
                    }

                    if (++scans > MaxScans)
                    {
                        ImageThrow.Invalid(Fmt, $"more than {MaxScans} scans (a hostile progressive file).");
                    }

                    JpegScan scan = ReadScanHeader(body, _frame);
                    var reader = new JpegBitReader(data, pos);
                    JpegScanDecoder.DecodeScan(_frame, scan, _restartInterval, ref reader);
                    sawScan = true;
                    pos = reader.EndScan();
                    break;
                case 0xE0:
                    _jfif |= body.Length >= 5 && body[..5].SequenceEqual("JFIF\0"u8);
                    break;
                case 0xE1:
                    if (body.Length >= 6 && body[..6].SequenceEqual("Exif\0\0"u8))
                    {
                        _orientation = ExifOrientation.Read(body[6..]);
                    }

                    break;
                case 0xEE:
                    if (body.Length >= 12 && body[..5].SequenceEqual("Adobe"u8))
                    {
                        _adobeTransform = body[11];
                    }

                    break;
                case 0xDC:
                    ImageThrow.Unsupported(ImageFormat.Jpeg, "DNL markers (height defined after the first scan) are not supported.");
                    break;
                default:
                    break;
            }
        }

        if (_frame is null)
        {
            ImageThrow.Invalid(Fmt, "no frame header (SOF) before the end of the data.");
        }

        if (!sawScan)
        {
            ImageThrow.Invalid(Fmt, "no scan (SOS) before the end of the data.");
        }

        JpegScanDecoder.Finish(_frame);
        RasterImage image = JpegColorConverter.Convert(_frame, ColorTransform(), _options.JpegFancyUpsampling);
        return _options.ApplyExifOrientation ? ExifOrientation.Apply(image, _orientation) : image;
    }

    private JpegColorTransform ColorTransform()
    {
        JpegComponent[] c = _frame!.Components;
        switch (c.Length)
        {
            case 1:
                return JpegColorTransform.Gray;
            case 3:
                if (_adobeTransform == 0 || (!_jfif && c[0].Id == 'R' && c[1].Id == 'G' && c[2].Id == 'B'))
                {
                    return JpegColorTransform.Rgb;
                }

                return JpegColorTransform.YCbCr;
            case 4:
                return _adobeTransform == 2 ? JpegColorTransform.Ycck : JpegColorTransform.Cmyk;
            default:
                ImageThrow.Unsupported(ImageFormat.Jpeg, $"{c.Length}-component JPEG frames are not supported.");
                return default;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> body, bool progressive)
    {
        if (_frame is not null)
        {
            ImageThrow.Invalid(Fmt, "more than one frame header (SOF).");
        }

        if (body.Length < 6)
        {
            ImageThrow.Invalid(Fmt, "SOF segment is too short.");
        }

        if (body[0] != 8)
        {
            ImageThrow.Unsupported(ImageFormat.Jpeg, $"{body[0]}-bit sample precision is not supported (only 8-bit).");
        }

        int height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        int count = body[5];
        if (height == 0)
        {
            ImageThrow.Unsupported(ImageFormat.Jpeg, "a frame height of 0 (defined later by DNL) is not supported.");
        }

        ImageThrow.CheckPixels(Fmt, width, height, _options);
        if (count is not (1 or 3 or 4) || body.Length < 6 + (3 * count))
        {
            ImageThrow.Invalid(Fmt, $"SOF declares {count} components in {body.Length} bytes (1, 3 or 4 components are supported).");
        }

        var components = new JpegComponent[count];
        int maxH = 1, maxV = 1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> c = body.Slice(6 + (3 * i), 3);
            int h = c[1] >> 4, v = c[1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4 || c[2] > 3)
            {
                ImageThrow.Invalid(Fmt, $"component {c[0]} has sampling {h}x{v} or quantisation table {c[2]} out of range.");
            }

            for (int j = 0; j < i; j++)
            {
                if (components[j].Id == c[0])
                {
                    ImageThrow.Invalid(Fmt, $"component id {c[0]} appears twice.");
                }
            }

            components[i] = new JpegComponent { Id = c[0], H = h, V = v, QuantTableIndex = c[2] };
            maxH = Math.Max(maxH, h);
            maxV = Math.Max(maxV, v);
        }

        if (count == 1)
        {
            // A single-component frame has one block per MCU, whatever its sampling factors say.
            components[0] = new JpegComponent { Id = components[0].Id, H = 1, V = 1, QuantTableIndex = components[0].QuantTableIndex };
            maxH = maxV = 1;
        }

        _frame = new JpegFrame { Width = width, Height = height, Progressive = progressive, Components = components, MaxH = maxH, MaxV = maxV };
        _frame.Allocate();
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            if (body.Length < 17)
            {
                ImageThrow.Invalid(Fmt, "DHT segment is too short.");
            }

            int tc = body[0] >> 4, th = body[0] & 15;
            if (tc > 1 || th > 3)
            {
                ImageThrow.Invalid(Fmt, $"DHT table class {tc} / index {th} is out of range.");
            }

            ReadOnlySpan<byte> counts = body.Slice(1, 16);
            int total = 0;
            foreach (byte n in counts)
            {
                total += n;
            }

            if (total > 256 || body.Length < 17 + total)
            {
                ImageThrow.Invalid(Fmt, $"DHT declares {total} symbols but the segment is shorter.");
            }

            JpegHuffmanTable table = JpegHuffmanTable.Build(counts, body.Slice(17, total));
            (tc == 0 ? _dc : _ac)[th] = table;
            body = body[(17 + total)..];
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            int pq = body[0] >> 4, tq = body[0] & 15;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || body.Length < 1 + size)
            {
                ImageThrow.Invalid(Fmt, $"DQT table precision {pq} / index {tq} is invalid or the segment is short.");
            }

            var table = new float[64];
            for (int k = 0; k < 64; k++)
            {
                int value = pq == 0 ? body[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(body[(1 + (2 * k))..]);
                table[JpegScanDecoder.ZigZag[k]] = value;
            }

            _quant[tq] = table;
            body = body[(1 + size)..];
        }
    }

    private JpegScan ReadScanHeader(ReadOnlySpan<byte> body, JpegFrame frame)
    {
        if (body.Length < 1)
        {
            ImageThrow.Invalid(Fmt, "SOS segment is empty.");
        }

        int n = body[0];
        if (n is < 1 or > 4 || body.Length < 1 + (2 * n) + 3)
        {
            ImageThrow.Invalid(Fmt, $"SOS declares {n} components in {body.Length} bytes.");
        }

        var comps = new JpegComponent[n];
        var dcTables = new JpegHuffmanTable?[n];
        var acTables = new JpegHuffmanTable?[n];
        int ss = body[1 + (2 * n)], se = body[2 + (2 * n)], ah = body[3 + (2 * n)] >> 4, al = body[3 + (2 * n)] & 15;
        for (int i = 0; i < n; i++)
        {
            int id = body[1 + (2 * i)];
            int td = body[2 + (2 * i)] >> 4, ta = body[2 + (2 * i)] & 15;
            JpegComponent? c = Array.Find(frame.Components, x => x.Id == id);
            if (c is null || td > 3 || ta > 3)
            {
                ImageThrow.Invalid(Fmt, $"SOS names component {id} or table {td}/{ta} that the frame does not have.");
            }

            c.Quant ??= _quant[c.QuantTableIndex] is { } q ? (float[])q.Clone() : ImageThrow.Invalid<float[]>(Fmt, $"quantisation table {c.QuantTableIndex} is not defined.");
            comps[i] = c;
            dcTables[i] = _dc[td];
            acTables[i] = _ac[ta];
            bool needDc = ss == 0 && ah == 0;
            bool needAc = se > 0;
            if ((needDc && dcTables[i] is null) || (needAc && acTables[i] is null))
            {
                ImageThrow.Invalid(Fmt, $"SOS uses a Huffman table that is not defined (DC {td}, AC {ta}).");
            }
        }

        if (frame.Progressive)
        {
            bool valid = ss <= se && se <= 63 && al <= 13 && ah <= 13 && (ss == 0 ? se == 0 : n == 1);
            if (!valid)
            {
                ImageThrow.Invalid(Fmt, $"progressive scan parameters Ss={ss} Se={se} Ah={ah} Al={al} with {n} components are invalid.");
            }
        }
        else if (ss != 0 || se != 63 || ah != 0 || al != 0)
        {
            // libjpeg ignores these in sequential files; so do we.
            (ss, se, ah, al) = (0, 63, 0, 0);
        }

        int blocks = 0;
        foreach (JpegComponent c in comps)
        {
            blocks += c.H * c.V;
        }

        if (n > 1 && blocks > 10)
        {
            ImageThrow.Invalid(Fmt, $"an interleaved scan has {blocks} blocks per MCU (at most 10 are allowed).");
        }

        return new JpegScan(comps, dcTables, acTables, ss, se, ah, al);
    }
}
