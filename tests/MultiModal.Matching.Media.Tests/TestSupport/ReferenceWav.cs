
namespace MultiModal.Matching.Media.Tests.TestSupport;

/// <summary>
/// An independent, deliberately naive WAV reader used as the oracle for the decoder: it finds "fmt " and
/// "data" by walking chunks, and converts each container with 128-bit integer arithmetic.
/// </summary>
internal static class ReferenceWav
{
    public sealed record Result(int Channels, int SampleRate, float[] Samples);

    public static Result Read(byte[] file)
    {
        bool be = System.Text.Encoding.ASCII.GetString(file, 0, 4) == "RIFX";
        int pos = 12, fmt = -1, data = -1, dataSize = 0;
        while (pos + 8 <= file.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(file, pos, 4);
            int size = (int)Number(file, pos + 4, 4, be, signed: false);
            if (id == "fmt " && fmt < 0)
            {
                fmt = pos + 8;
            }
            else if (id == "data")
            {
                data = pos + 8;
                dataSize = Math.Min(size, file.Length - data);
                break;
            }

            pos += 8 + size + (size % 2);
        }

        int tag = (int)Number(file, fmt, 2, be, false);
        int channels = (int)Number(file, fmt + 2, 2, be, false);
        int rate = (int)Number(file, fmt + 4, 4, be, false);
        int bits = (int)Number(file, fmt + 14, 2, be, false);
        if (tag == 0xFFFE)
        {
            tag = (int)Number(file, fmt + 24, 4, be, false);
        }

        int bytes = (bits + 7) / 8;
        int frames = dataSize / (bytes * channels);
        var samples = new float[frames * channels];
        for (int i = 0; i < samples.Length; i++)
        {
            int at = data + (i * bytes);
            samples[i] = (tag, bytes) switch
            {
                (3, 4) => be ? BitConverter.ToSingle(file.AsSpan(at, 4).ToArray().Reverse().ToArray()) : BitConverter.ToSingle(file, at),
                (3, 8) => (float)(be ? BitConverter.ToDouble(file.AsSpan(at, 8).ToArray().Reverse().ToArray()) : BitConverter.ToDouble(file, at)),
                (1, 1) => (file[at] - 128) / 128f,
                (1, _) => (float)((double)Number(file, at, bytes, be, signed: true) / Math.Pow(2, (8 * bytes) - 1)),
                _ => throw new NotSupportedException($"reference reader: tag {tag}"),
            };
        }

        return new Result(channels, rate, samples);
    }

    /// <summary>An n-byte integer, as Int128.</summary>
    private static Int128 Number(byte[] file, int at, int n, bool bigEndian, bool signed)
    {
        Int128 v = 0;
        for (int k = 0; k < n; k++)
        {
            v = (v * 256) + file[at + (bigEndian ? k : n - 1 - k)];
        }

        Int128 half = Int128.One << ((8 * n) - 1);
        return signed && v >= half ? v - (half * 2) : v;
    }
}
