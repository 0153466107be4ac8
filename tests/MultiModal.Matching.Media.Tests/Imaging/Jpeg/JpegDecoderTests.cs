using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging.Jpeg;

[TestFixture]
public sealed class JpegDecoderTests
{
    private static readonly ImageDecoderOptions Replicate = new() { JpegFancyUpsampling = false };

    /// <summary>
    /// Go's image/decode_test pairs: each JPEG with its PNG. The references were made with chroma replication (no
    /// fancy upsampling), so the subsampled files are decoded that way here. Floors: 99% within ±2 per channel,
    /// except video-001.png and video-005.gray.png, which are the images the JPEGs were compressed from, not decodes
    /// of them: Go's own test accepts ±8 per channel against them ("JPEG is a lossy format"), and libjpeg-turbo
    /// 2.1.5's djpeg (-dct int or float) is itself only 98.8% / 95.7% within ±2 of them (max 4 / 7). Their floors are
    /// what djpeg achieves; the decoder reference for every file is djpeg itself (<see cref="JpegLibjpegReferenceTests"/>).
    /// </summary>
    [TestCase("video-001.jpeg", "video-001.png", 0.985, 4)]
    [TestCase("video-001.progressive.jpeg", "video-001.png", 0.985, 4)]
    [TestCase("video-001.221212.jpeg", "video-001.221212.png", 0.99, 3)]
    [TestCase("video-001.cmyk.jpeg", "video-001.cmyk.png", 0.99, 2)]
    [TestCase("video-001.rgb.jpeg", "video-001.rgb.png", 0.99, 2)]
    [TestCase("video-001.progressive.truncated.jpeg", "video-001.progressive.truncated.png", 0.99, 4)]
    [TestCase("video-005.gray.jpeg", "video-005.gray.png", 0.955, 7)]
    public void Decode_GoTestFile_MatchesReferencePng(string jpeg, string png, double floor, int maxDiff)
    {
        RasterImage actual = ImageDecoder.Decode(ImageTestData.Read($"go_jpeg_testdata/{jpeg}"), Replicate);
        RasterImage expected = ImageDecoder.Decode(ImageTestData.Read($"go_jpeg_testdata/{png}"));

        (double within, int max) = Compare(expected, actual);

        TestContext.Out.WriteLine($"{jpeg}: {within:P2} within ±2, max {max}");
        Assert.That(within, Is.GreaterThanOrEqualTo(floor));
        Assert.That(max, Is.LessThanOrEqualTo(maxDiff));
    }

    [TestCase("video-001.q50.410")]
    [TestCase("video-001.q50.411")]
    [TestCase("video-001.q50.420")]
    [TestCase("video-001.q50.422")]
    [TestCase("video-001.q50.440")]
    [TestCase("video-001.q50.444")]
    [TestCase("video-001.separate.dc.progression")]
    [TestCase("video-005.gray.q50")]
    [TestCase("video-005.gray.q50.2x2")]
    public void Decode_ProgressiveTwin_EqualsBaseline(string name)
    {
        RasterImage baseline = ImageDecoder.Decode(ImageTestData.Read($"go_jpeg_testdata/{name}.jpeg"));
        RasterImage progressive = ImageDecoder.Decode(ImageTestData.Read($"go_jpeg_testdata/{name}.progressive.jpeg"));
        Assert.That(progressive.Pixels.SequenceEqual(baseline.Pixels), Is.True);
    }

    /// <summary>The quality-50 files of each subsampling stay close to the full-quality reference (catches a wrong upsampling geometry).</summary>
    [TestCase("video-001.q50.410.jpeg")]
    [TestCase("video-001.q50.411.jpeg")]
    [TestCase("video-001.q50.420.jpeg")]
    [TestCase("video-001.q50.422.jpeg")]
    [TestCase("video-001.q50.440.jpeg")]
    [TestCase("video-001.q50.444.jpeg")]
    public void Decode_Quality50Subsampling_CloseToFullQualityReference(string jpeg)
    {
        RasterImage expected = ImageDecoder.Decode(ImageTestData.Read("go_jpeg_testdata/video-001.png"));
        foreach (ImageDecoderOptions options in new[] { new ImageDecoderOptions(), Replicate })
        {
            byte[] a = PixelCompare.ToRgb8(ImageDecoder.Decode(ImageTestData.Read($"go_jpeg_testdata/{jpeg}"), options));
            byte[] e = PixelCompare.ToRgb8(expected);
            double mean = 0;
            for (int i = 0; i < a.Length; i++)
            {
                mean += Math.Abs(a[i] - e[i]);
            }

            mean /= a.Length;
            Assert.That(mean, Is.LessThan(8.0), $"fancy={options.JpegFancyUpsampling}");
        }
    }

    [TestCase("china")]
    [TestCase("rocket")]
    [TestCase("hubble_deep_field")]
    [TestCase("retina_420")]
    public void Decode_DerivedProgressive_EqualsBaselineSource(string name)
    {
        string source = name switch
        {
            "china" => "sklearn_sample_images/china.jpg",
            "retina_420" => "skimage_data/retina.jpg",
            _ => $"skimage_data/{name}.jpg",
        };
        RasterImage baseline = ImageDecoder.Decode(ImageTestData.Read(source));
        RasterImage progressive = ImageDecoder.Decode(ImageTestData.Read($"derived_lossless_variants/{name}.progressive.jpg"));
        Assert.That(progressive.Pixels.SequenceEqual(baseline.Pixels), Is.True);
    }

    [Test]
    public void Decode_RestartMarkerVariant_EqualsSource()
    {
        RasterImage baseline = ImageDecoder.Decode(ImageTestData.Read("sklearn_sample_images/china.jpg"));
        RasterImage restarts = ImageDecoder.Decode(ImageTestData.Read("derived_lossless_variants/china.restart_markers.jpg"));
        Assert.That(restarts.Pixels.SequenceEqual(baseline.Pixels), Is.True);
    }

    [Test]
    public void Decode_TenchProgressive_DecodesFullSize()
    {
        RasterImage image = ImageDecoder.Decode(ImageTestData.Read("derived_lossless_variants/n01440764_tench.progressive.jpg"));
        Assert.That(image.Format, Is.EqualTo(PixelFormat.Rgb8));
        Assert.That(image.Width * image.Height, Is.GreaterThan(10_000));
    }

    /// <summary>A JPEG truncated inside its entropy-coded data decodes partially: the missing data reads as zero bits, as libjpeg does.</summary>
    [Test]
    public void Decode_TruncatedInsideScan_DecodesPartially()
    {
        byte[] data = ImageTestData.Read("sklearn_sample_images/china.jpg");
        RasterImage full = ImageDecoder.Decode(data);
        RasterImage partial = ImageDecoder.Decode(data.AsSpan(0, data.Length / 2));

        Assert.That((partial.Width, partial.Height), Is.EqualTo((full.Width, full.Height)));
        int rowBytes = full.Stride;
        Assert.That(partial.Pixels[..(rowBytes * 20)].SequenceEqual(full.Pixels[..(rowBytes * 20)]), Is.True, "the rows before the cut are intact");
        Assert.That(partial.Pixels[^rowBytes..].SequenceEqual(full.Pixels[^rowBytes..]), Is.False, "the rows after the cut are missing");
    }

    /// <summary>skimage's truncated.jpg ends inside its header segments, before any scan: nothing can be decoded.</summary>
    [Test]
    public void Decode_TruncatedSkimageFile_ThrowsInvalidImageData()
    {
        var ex = Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(ImageTestData.Read("skimage_data/truncated.jpg")));
        Assert.That(ex!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void Decode_TruncatedBeforeFirstScan_ThrowsInvalidImageData()
    {
        byte[] data = ImageTestData.Read("sklearn_sample_images/china.jpg");
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(data.AsSpan(0, 200)));
    }

    [Test]
    public void Decode_Grayscale_GivesGray8()
    {
        RasterImage image = ImageDecoder.Decode(ImageTestData.Read("go_jpeg_testdata/video-005.gray.jpeg"));
        Assert.That(image.Format, Is.EqualTo(PixelFormat.Gray8));
    }

    [Test]
    public void Decode_FancyUpsampling_SmootherThanReplicationOnChromaEdges()
    {
        // The RGB-subsampled file shows the difference most: replication leaves 2×2 steps in the blue channel.
        byte[] data = ImageTestData.Read("go_jpeg_testdata/video-001.rgb.jpeg");
        byte[] fancy = PixelCompare.ToRgb8(ImageDecoder.Decode(data));
        byte[] replicated = PixelCompare.ToRgb8(ImageDecoder.Decode(data, Replicate));
        Assert.That(Roughness(fancy, 150), Is.LessThan(Roughness(replicated, 150)));
    }

    internal static (double Within2, int MaxDiff) Compare(RasterImage expected, RasterImage actual)
    {
        Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)));
        byte[] a = PixelCompare.ToRgb8(actual), e = PixelCompare.ToRgb8(expected);
        int ok = 0, max = 0;
        for (int p = 0; p < a.Length; p += 3)
        {
            int d = Math.Max(Math.Abs(a[p] - e[p]), Math.Max(Math.Abs(a[p + 1] - e[p + 1]), Math.Abs(a[p + 2] - e[p + 2])));
            max = Math.Max(max, d);
            ok += d <= 2 ? 1 : 0;
        }

        return ((double)ok / (a.Length / 3), max);
    }

    private static long Roughness(byte[] rgb, int width)
    {
        long sum = 0;
        for (int i = 3; i < rgb.Length; i++)
        {
            if ((i / 3) % width != 0)
            {
                int d = rgb[i] - rgb[i - 3];
                sum += d * d;
            }
        }

        return sum;
    }
}
