using System.Diagnostics;
using MultiModal.Matching.Media.Audio;
using MultiModal.Matching.Media.Tests.TestSupport;

namespace MultiModal.Matching.Media.Tests.Audio;

/// <summary>Seeded mutations of real WAV files: only <see cref="InvalidAudioContentException"/> may escape, quickly.</summary>
public sealed class WavDecoderFuzzTests
{
    private static int Iterations =>
        Environment.GetEnvironmentVariable("MMM_LONG_TESTS") == "1" ? 50_000 : 4_000;

    [Test]
    public void Decode_MutatedRealFiles_OnlyThrowsInvalidAudioContent()
    {
        string scipy = AudioCorpus.Require("audio/scipy_wav_format_edge_cases");
        string fsdd = AudioCorpus.Require("multimodal_pairs/fsdd_spoken_digits/recordings");
        byte[][] seeds = Directory.GetFiles(scipy, "*.wav").Order(StringComparer.Ordinal)
            .Concat([Path.Combine(fsdd, "3_jackson_0.wav"), Path.Combine(fsdd, "7_theo_1.wav")])
            .Select(File.ReadAllBytes).ToArray();
        var options = new WavDecoderOptions { MaxSamples = 1 << 20 };
        var random = new Random(20261122);
        int decoded = 0, rejected = 0;
        var worst = TimeSpan.Zero;

        var task = Task.Run(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                byte[] input = Mutate(seeds[random.Next(seeds.Length)], random);
                var sw = Stopwatch.StartNew();
                try
                {
                    AudioClip clip = WavDecoder.Decode(input, options);
                    Assert.That(clip.Samples.Length, Is.LessThanOrEqualTo(options.MaxSamples));
                    decoded++;
                }
                catch (InvalidAudioContentException)
                {
                    rejected++;
                }

                worst = sw.Elapsed > worst ? sw.Elapsed : worst;
            }
        });

        Assert.That(task.Wait(TimeSpan.FromSeconds(60)), Is.True, "fuzz run hung");
        task.GetAwaiter().GetResult();
        TestContext.Out.WriteLine($"{Iterations} mutations: {decoded} decoded, {rejected} rejected, slowest {worst.TotalMilliseconds:F1} ms");
        Assert.That(worst, Is.LessThan(TimeSpan.FromSeconds(1)), "per-input time limit");
        Assert.That(decoded, Is.GreaterThan(0));
        Assert.That(rejected, Is.GreaterThan(0));
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] b = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0: // bit flips
                for (int k = random.Next(1, 9); k > 0; k--)
                {
                    int at = random.Next(Math.Min(b.Length, 96));
                    b[at] ^= (byte)(1 << random.Next(8));
                }

                return b;
            case 1: // truncation
                return b[..random.Next(b.Length)];
            case 2: // a length field (RIFF size, fmt size, or a chunk size near the header) set to an extreme
                int[] fields = [4, 16, 40, 44, 56, 64, 72, 76];
                int field = fields[random.Next(fields.Length)];
                if (field + 4 <= b.Length)
                {
                    uint[] values = [0, 1, 0x7FFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, (uint)random.Next()];
                    BitConverter.TryWriteBytes(b.AsSpan(field), values[random.Next(values.Length)]);
                }

                return b;
            case 3: // fmt fields (channels, rate, block align, bits) scrambled
                int[] fmtFields = [20, 22, 24, 32, 34, 36, 38];
                int f = fmtFields[random.Next(fmtFields.Length)];
                if (f + 2 <= b.Length)
                {
                    BitConverter.TryWriteBytes(b.AsSpan(f), (ushort)random.Next(0, 1 << 16));
                }

                return b;
            default: // random bytes overwritten anywhere
                for (int k = random.Next(1, 17); k > 0; k--)
                {
                    b[random.Next(b.Length)] = (byte)random.Next(256);
                }

                return b;
        }
    }
}
