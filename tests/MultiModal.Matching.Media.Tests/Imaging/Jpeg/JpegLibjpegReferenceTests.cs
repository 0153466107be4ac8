using System.Diagnostics;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging.Jpeg;

/// <summary>
/// Our decode against libjpeg-turbo's <c>djpeg</c>, the reference decoder, on the same file in the same run. The
/// Go corpus's PNGs for video-001 and video-005 are the images the JPEGs were compressed from (Go's own test
/// accepts ±8 per channel against them), so they measure the compression, not the decoder; djpeg's output is
/// the decoder reference. <c>djpeg -dct float</c> with fancy upsampling is the configuration this decoder
/// follows (float IDCT, libjpeg's triangular chroma upsampling, its YCbCr tables). .ci/run installs
/// libjpeg-turbo-progs; elsewhere the tests are ignored when djpeg is missing.
/// </summary>
[TestFixture]
public sealed class JpegLibjpegReferenceTests
{
    private static readonly string[] Files =
    [
        "go_jpeg_testdata/video-001.jpeg",
        "go_jpeg_testdata/video-001.progressive.jpeg",
        "go_jpeg_testdata/video-001.221212.jpeg",
        "go_jpeg_testdata/video-001.rgb.jpeg",
        "go_jpeg_testdata/video-001.q50.410.jpeg",
        "go_jpeg_testdata/video-001.q50.411.jpeg",
        "go_jpeg_testdata/video-001.q50.420.jpeg",
        "go_jpeg_testdata/video-001.q50.422.jpeg",
        "go_jpeg_testdata/video-001.q50.440.jpeg",
        "go_jpeg_testdata/video-001.q50.444.jpeg",
        "go_jpeg_testdata/video-001.separate.dc.progression.jpeg",
        "go_jpeg_testdata/video-005.gray.jpeg",
        "go_jpeg_testdata/video-005.gray.q50.jpeg",
        "go_jpeg_testdata/video-005.gray.q50.2x2.jpeg",
        "sklearn_sample_images/china.jpg",
        "sklearn_sample_images/flower.jpg",
    ];

    [TestCaseSource(nameof(Files))]
    public void Decode_MatchesDjpegFloat(string file)
    {
        string path = ImageTestData.PathOf(file);
        RasterImage reference = ImageDecoder.Decode(RunDjpeg(path));
        RasterImage actual = ImageDecoder.Decode(File.ReadAllBytes(path));

        Assert.That((actual.Width, actual.Height), Is.EqualTo((reference.Width, reference.Height)));
        byte[] a = PixelCompare.ToRgb8(actual), e = PixelCompare.ToRgb8(reference);
        int equal = 0, max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - e[i]);
            equal += d == 0 ? 1 : 0;
            max = Math.Max(max, d);
        }

        double exact = (double)equal / a.Length;
        TestContext.Out.WriteLine($"{file}: {exact:P3} of samples equal to djpeg -dct float, max difference {max}");
        // Measured: 100% equal on 11 of the 16 files; the rest differ in at most 0.21% of samples by at most 2 (float
        // IDCT rounding: this decoder fuses multiply-adds where libjpeg's C rounds each product).
        Assert.That(max, Is.LessThanOrEqualTo(2), "no sample differs from libjpeg-turbo by more than 2");
        Assert.That(exact, Is.GreaterThanOrEqualTo(0.997), "at least 99.7% of samples equal libjpeg-turbo's");
    }

    private static byte[] RunDjpeg(string path)
    {
        string? djpeg = FindOnPath("djpeg");
        if (djpeg is null)
        {
            const string Message = "djpeg (Debian libjpeg-turbo-progs) is not installed; .ci/run installs it.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Message);
            }

            Assert.Ignore(Message);
        }

        var start = new ProcessStartInfo(djpeg!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-dct", "float", "-pnm", path })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        using var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(30_000), Is.True, "djpeg finished within 30 s");
        copy.Wait();
        Assert.That(process.ExitCode, Is.Zero, errors.Result);
        return output.ToArray();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
