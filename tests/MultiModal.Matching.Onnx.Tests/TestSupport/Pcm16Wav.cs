using System.Buffers.Binary;

namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>A minimal reader for mono PCM16 RIFF/WAVE files, for feeding test audio to models.</summary>
internal static class Pcm16Wav
{
    /// <summary>Reads the samples scaled to [-1, 1) and the sample rate.</summary>
    /// <param name="path">The WAV file.</param>
    /// <returns>Samples and rate.</returns>
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 0, 4), Is.EqualTo("RIFF"));
        int offset = 12;
        int rate = 0;
        int channels = 0;
        while (offset + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                Assert.That(BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8)), Is.EqualTo(1), "PCM");
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 12));
                Assert.That(BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 22)), Is.EqualTo(16), "16-bit");
            }
            else if (id == "data")
            {
                Assert.That(channels, Is.EqualTo(1), "mono");
                int count = Math.Min(size, bytes.Length - offset - 8) / 2;
                float[] samples = new float[count];
                for (int i = 0; i < count; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8 + (2 * i))) / 32768f;
                }

                return (samples, rate);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"No data chunk in {path}.");
    }
}
