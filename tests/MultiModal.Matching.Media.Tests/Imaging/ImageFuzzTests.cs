using System.Buffers.Binary;
using System.Diagnostics;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging;

/// <summary>
/// Seeded mutations of real PNG and JPEG files (bit flips, truncations, length-field edits, byte runs):
/// the decoder must either return an image or throw an <see cref="ImageFormatException"/>, and each input
/// must finish within a time limit. MMM_LONG_TESTS=1 runs ten times as many.
/// </summary>
[TestFixture]
public sealed class ImageFuzzTests
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);

    private static int Iterations => Environment.GetEnvironmentVariable("MMM_LONG_TESTS") == "1" ? 10_000 : 1_000;

    [TestCase("pngsuite_go/basn3p04-31i.png", 1)]
    [TestCase("pngsuite_go/basn6a16.png", 2)]
    [TestCase("go_png_testdata/gray-gradient.interlaced.png", 3)]
    [TestCase("pngsuite_go/basn0g01.png", 4)]
    [TestCase("go_jpeg_testdata/video-001.jpeg", 5)]
    [TestCase("go_jpeg_testdata/video-001.progressive.jpeg", 6)]
    [TestCase("go_jpeg_testdata/video-001.q50.420.progressive.jpeg", 7)]
    [TestCase("go_jpeg_testdata/video-001.cmyk.jpeg", 8)]
    [TestCase("derived_lossless_variants/china.restart_markers.jpg", 9)]
    public void Decode_MutatedRealFile_ReturnsImageOrThrowsImageFormatException(string file, int seed)
    {
        byte[] original = ImageTestData.Read(file);
        var random = new Random(seed);
        var options = new ImageDecoderOptions { MaxPixels = 300_000 };
        var noCrc = new ImageDecoderOptions { MaxPixels = 300_000, VerifyPngCrc = false };
        int iterations = file.Contains("china", StringComparison.Ordinal) ? Iterations / 10 : Iterations;
        int decoded = 0, rejected = 0;
        for (int i = 0; i < iterations; i++)
        {
            byte[] mutated = Mutate(original, random);
            ImageDecoderOptions o = (i & 1) == 0 ? options : noCrc;
            var watch = Stopwatch.StartNew();
            Task<Exception?> run = Task.Run(() =>
            {
                try
                {
                    _ = ImageDecoder.Decode(mutated, o);
                    return (Exception?)null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            });
            if (!run.Wait(PerInputLimit))
            {
                Assert.Fail($"iteration {i} (seed {seed}) did not finish within {PerInputLimit.TotalSeconds} s.");
            }

            Exception? error = run.Result;
            if (error is null)
            {
                decoded++;
            }
            else if (error is ImageFormatException)
            {
                rejected++;
            }
            else
            {
                Assert.Fail($"iteration {i} (seed {seed}) threw {error.GetType().Name}: {error}");
            }
        }

        TestContext.Out.WriteLine($"{file}: {decoded} decoded, {rejected} rejected");
        Assert.That(decoded + rejected, Is.EqualTo(iterations));
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] data = (byte[])original.Clone();
        int kind = random.Next(6);
        switch (kind)
        {
            case 0:
                for (int k = random.Next(1, 9); k > 0; k--)
                {
                    int at = random.Next(data.Length);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1:
                return data.AsSpan(0, random.Next(data.Length)).ToArray();
            case 2:
                EditLengthField(data, random);
                return data;
            case 3:
                {
                    int at = random.Next(data.Length);
                    int len = Math.Min(data.Length - at, random.Next(1, 64));
                    data.AsSpan(at, len).Fill(random.Next(2) == 0 ? (byte)0xFF : (byte)random.Next(256));
                    return data;
                }

            case 4:
                {
                    // Flip bits only in the header region, where sizes and tables live.
                    int limit = Math.Min(data.Length, 700);
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        data[random.Next(limit)] ^= (byte)(1 << random.Next(8));
                    }

                    return data;
                }

            default:
                {
                    int at = random.Next(data.Length);
                    int len = Math.Min(data.Length - at, random.Next(1, 512));
                    byte[] shorter = new byte[data.Length - len];
                    data.AsSpan(0, at).CopyTo(shorter);
                    data.AsSpan(at + len).CopyTo(shorter.AsSpan(at));
                    return shorter;
                }
        }
    }

    /// <summary>Overwrites a PNG chunk length or a JPEG marker-segment length (or a size field) with a random value.</summary>
    private static void EditLengthField(byte[] data, Random random)
    {
        var fields = new List<(int Offset, int Size)>();
        if (data.Length > 8 && data[0] == 0x89)
        {
            for (int pos = 8; pos + 8 <= data.Length;)
            {
                fields.Add((pos, 4));
                uint len = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
                if (BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos + 4)) == 0x49484452)
                {
                    fields.Add((pos + 8, 4));
                    fields.Add((pos + 12, 4));
                }

                if (len > int.MaxValue - 12 - pos)
                {
                    break;
                }

                pos += 12 + (int)len;
            }
        }
        else
        {
            for (int pos = 2; pos + 4 <= data.Length;)
            {
                if (data[pos] != 0xFF || data[pos + 1] is 0xD8 or 0x00 or 0xFF)
                {
                    break;
                }

                fields.Add((pos + 2, 2));
                if (data[pos + 1] is 0xC0 or 0xC2 && pos + 9 <= data.Length)
                {
                    fields.Add((pos + 5, 2));
                    fields.Add((pos + 7, 2));
                }

                if (data[pos + 1] == 0xDA)
                {
                    break;
                }

                pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
            }
        }

        if (fields.Count == 0)
        {
            return;
        }

        (int offset, int size) = fields[random.Next(fields.Count)];
        int value = random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(16),
            2 => int.MaxValue,
            _ => random.Next(),
        };
        if (size == 4)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(offset), (ushort)value);
        }
    }
}
