using System.Buffers.Binary;

namespace MultiModal.Matching.Media.Audio;

/// <summary>
/// Decodes RIFF/RIFX WAVE files into <see cref="AudioClip"/>s: integer PCM of any bit depth from 1 to 64
/// (8-bit unsigned; wider signed, read as a left-justified container of ⌈bits/8⌉ bytes and scaled by
/// 2^(container bits − 1), exactly as scipy.io.wavfile does, so bits beyond the declared depth are kept),
/// IEEE float 32/64, G.711 µ-law and A-law, WAVE_FORMAT_EXTENSIBLE with those sub-formats, little-endian
/// (RIFF) and big-endian (RIFX). Unknown chunks are skipped, honouring the pad byte after odd-sized chunks.
/// </summary>
/// <remarks>
/// Input is treated as hostile: every length is bounds-checked, the sample count is capped by
/// <see cref="WavDecoderOptions.MaxSamples"/>, and any problem raises <see cref="InvalidAudioContentException"/>
/// (never an index or overflow exception). A data chunk that runs past the end of the file is decoded up to
/// the last whole frame when <see cref="WavDecoderOptions.AllowTruncatedData"/> is true (the default).
/// A file without a fmt or data chunk, with an inconsistent block alignment, an unsupported encoding (ADPCM,
/// RF64, …) or a NaN/infinite float sample is rejected. All members are thread-safe.
/// </remarks>
public static partial class WavDecoder
{
    /// <summary>Whether <paramref name="header"/> starts like a WAV file ("RIFF" or "RIFX", then "WAVE" at offset 8).</summary>
    /// <param name="header">The first bytes of the content (12 are enough).</param>
    /// <returns>True when the content looks like a WAV file.</returns>
    public static bool IsWav(ReadOnlySpan<byte> header) =>
        header.Length >= 12 && (header[..4].SequenceEqual("RIFF"u8) || header[..4].SequenceEqual("RIFX"u8)) &&
        header.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Decodes a whole WAV file held in memory.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="options">Limits and policies; <see cref="WavDecoderOptions.Default"/> when null.</param>
    /// <returns>The decoded clip (interleaved channels, the file's sample rate).</returns>
    /// <exception cref="InvalidAudioContentException">The data is not a decodable WAV file, or exceeds the limits.</exception>
    public static AudioClip Decode(ReadOnlySpan<byte> data, WavDecoderOptions? options = null) =>
        DecodeCore(data, options ?? WavDecoderOptions.Default, source: null);

    /// <summary>Reads a stream to its end and decodes it.</summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <param name="options">Limits and policies; <see cref="WavDecoderOptions.Default"/> when null.</param>
    /// <returns>The decoded clip.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidAudioContentException">The content is not a decodable WAV file, or exceeds the limits.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static AudioClip Decode(Stream stream, WavDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= WavDecoderOptions.Default;
        byte[] bytes = ReadAll(stream, MaxFileBytes(options), source: null);
        return DecodeCore(bytes, options, source: null);
    }

    /// <summary>Reads and decodes a WAV file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Limits and policies; <see cref="WavDecoderOptions.Default"/> when null.</param>
    /// <returns>The decoded clip.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="InvalidAudioContentException">The file is not a decodable WAV file, or exceeds the limits; the message names the file.</exception>
    /// <exception cref="IOException">Reading the file failed.</exception>
    public static AudioClip DecodeFile(string path, WavDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= WavDecoderOptions.Default;
        using FileStream stream = File.OpenRead(path);
        byte[] bytes = ReadAll(stream, MaxFileBytes(options), path);
        return DecodeCore(bytes, options, path);
    }

    /// <summary>At most 8 bytes per sample plus room for metadata chunks.</summary>
    private static long MaxFileBytes(WavDecoderOptions options) => (options.MaxSamples * 8) + (16 << 20);

    private static byte[] ReadAll(Stream stream, long maxBytes, string? source)
    {
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw Error(source, $"the file has {stream.Length - stream.Position} bytes, more than the sample limit allows");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw Error(source, "the stream holds more bytes than the sample limit allows");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AudioClip DecodeCore(ReadOnlySpan<byte> data, WavDecoderOptions options, string? source)
    {
        WavLayout layout = ReadLayout(data, options, source);
        var samples = new float[checked((int)(layout.Frames * layout.Format.Channels))];
        ReadOnlySpan<byte> payload = data.Slice(layout.DataOffset, checked((int)(layout.Frames * layout.Format.BlockAlign)));
        if (!ConvertSamples(payload, layout.Format, layout.BigEndian, samples))
        {
            throw Error(source, "a float sample is NaN or infinite");
        }

        return new AudioClip(samples, layout.Format.Channels, layout.Format.SampleRate, trusted: true);
    }

    private static InvalidAudioContentException Error(string? source, string what) =>
        new(source is null ? $"Invalid WAV data: {what}." : $"Invalid WAV file '{source}': {what}.");

    private static uint ReadUInt32(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    private static ushort ReadUInt16(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
}
