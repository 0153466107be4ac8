namespace MultiModal.Matching.Media.Audio;

public static partial class WavDecoder
{
    internal enum SampleEncoding
    {
        Pcm,
        Float,
        ALaw,
        MuLaw,
    }

    internal readonly record struct WavFormat(SampleEncoding Encoding, int Channels, int SampleRate, int BitsPerSample, int BlockAlign)
    {
        public int ContainerBytes => BlockAlign / Channels;
    }

    internal readonly record struct WavLayout(WavFormat Format, bool BigEndian, int DataOffset, long Frames);

    private const ushort TagPcm = 1;
    private const ushort TagFloat = 3;
    private const ushort TagALaw = 6;
    private const ushort TagMuLaw = 7;
    private const ushort TagExtensible = 0xFFFE;

    /// <summary>The last 8 bytes of the KSDATAFORMAT_SUBTYPE_* GUIDs that carry a WAVE format tag.</summary>
    private static ReadOnlySpan<byte> GuidTail => [0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Walks the chunks, parses fmt, and finds how many whole frames of data are present.</summary>
    internal static WavLayout ReadLayout(ReadOnlySpan<byte> data, WavDecoderOptions options, string? source)
    {
        if (data.Length < 12)
        {
            throw Error(source, $"{data.Length} bytes is shorter than a RIFF header");
        }

        bool bigEndian;
        if (data[..4].SequenceEqual("RIFF"u8))
        {
            bigEndian = false;
        }
        else if (data[..4].SequenceEqual("RIFX"u8))
        {
            bigEndian = true;
        }
        else if (data[..4].SequenceEqual("RF64"u8))
        {
            throw Error(source, "RF64 (64-bit WAV) is not supported");
        }
        else
        {
            throw Error(source, "it does not start with 'RIFF' or 'RIFX'");
        }

        if (!data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw Error(source, "the RIFF form type is not 'WAVE'");
        }

        WavFormat? format = null;
        long dataOffset = -1, dataLength = 0;
        bool truncated = false;
        long pos = 12;
        while (pos + 8 <= data.Length)
        {
            ReadOnlySpan<byte> id = data.Slice((int)pos, 4);
            long size = ReadUInt32(data.Slice((int)pos + 4, 4), bigEndian);
            long body = pos + 8;
            long available = data.Length - body;
            if (id.SequenceEqual("fmt "u8))
            {
                if (format is null)
                {
                    if (size > available)
                    {
                        throw Error(source, $"the fmt chunk declares {size} bytes but {available} remain");
                    }

                    format = ParseFormat(data.Slice((int)body, (int)size), bigEndian, source);
                }
            }
            else if (id.SequenceEqual("data"u8) && dataOffset < 0)
            {
                dataOffset = body;
                dataLength = Math.Min(size, available);
                truncated = size > available && size != uint.MaxValue;
                if (format is not null)
                {
                    break;
                }
            }

            long next = body + size + (size & 1);
            if (next > data.Length)
            {
                break;
            }

            pos = next;
        }

        if (format is not WavFormat f)
        {
            throw Error(source, "there is no complete fmt chunk");
        }

        if (dataOffset < 0)
        {
            throw Error(source, "there is no data chunk");
        }

        if (truncated && !options.AllowTruncatedData)
        {
            throw Error(source, "the data chunk runs past the end of the file");
        }

        long frames = dataLength / f.BlockAlign;
        if (frames * f.Channels > options.MaxSamples)
        {
            throw Error(source, $"it holds {frames * f.Channels} samples, more than the limit of {options.MaxSamples}");
        }

        return new WavLayout(f, bigEndian, (int)dataOffset, frames);
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, bool bigEndian, string? source)
    {
        if (fmt.Length < 16)
        {
            throw Error(source, $"the fmt chunk has {fmt.Length} bytes, fewer than 16");
        }

        ushort tag = ReadUInt16(fmt, bigEndian);
        int channels = ReadUInt16(fmt[2..], bigEndian);
        uint sampleRate = ReadUInt32(fmt[4..], bigEndian);
        int blockAlign = ReadUInt16(fmt[12..], bigEndian);
        int bits = ReadUInt16(fmt[14..], bigEndian);

        if (tag == TagExtensible)
        {
            if (fmt.Length < 40 || ReadUInt16(fmt[16..], bigEndian) < 22)
            {
                throw Error(source, "WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk");
            }

            ReadOnlySpan<byte> guid = fmt.Slice(24, 16);
            uint data1 = ReadUInt32(guid, bigEndian);
            if (data1 > ushort.MaxValue || ReadUInt16(guid[4..], bigEndian) != 0 ||
                ReadUInt16(guid[6..], bigEndian) != 0x0010 || !guid[8..].SequenceEqual(GuidTail))
            {
                throw Error(source, "the WAVE_FORMAT_EXTENSIBLE sub-format GUID is not a WAVE format tag");
            }

            tag = (ushort)data1;
        }

        if (channels == 0)
        {
            throw Error(source, "the channel count is 0");
        }

        if (sampleRate == 0 || sampleRate > 1 << 30)
        {
            throw Error(source, $"the sample rate {sampleRate} is out of range");
        }

        (SampleEncoding encoding, bool bitsValid) = tag switch
        {
            TagPcm => (SampleEncoding.Pcm, bits is >= 1 and <= 64),
            TagFloat => (SampleEncoding.Float, bits is 32 or 64),
            TagALaw => (SampleEncoding.ALaw, bits == 8),
            TagMuLaw => (SampleEncoding.MuLaw, bits == 8),
            _ => throw Error(source, $"format tag 0x{tag:x4} is not supported (PCM, IEEE float, A-law and µ-law are)"),
        };

        if (!bitsValid)
        {
            throw Error(source, $"{bits} bits per sample is invalid for {encoding}");
        }

        int container = (bits + 7) / 8;
        if (blockAlign != channels * container)
        {
            throw Error(source, $"block align {blockAlign} is not {channels} channels × {container} bytes");
        }

        return new WavFormat(encoding, channels, (int)sampleRate, bits, blockAlign);
    }
}
