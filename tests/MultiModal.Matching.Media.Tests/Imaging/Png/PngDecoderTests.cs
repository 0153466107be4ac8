using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging.Png;

[TestFixture]
public sealed class PngDecoderTests
{
    private static IEnumerable<string> PngSuiteNames()
    {
        // The names are listed statically so that the cases show up even where the corpus is missing.
        return
        [
            "basn0g01", "basn0g01-30", "basn0g02", "basn0g02-29", "basn0g04", "basn0g04-31", "basn0g08", "basn0g16",
            "basn2c08", "basn2c16", "basn3p01", "basn3p02", "basn3p04", "basn3p04-31i", "basn3p08", "basn3p08-trns",
            "basn4a08", "basn4a16", "basn6a08", "basn6a16", "ftbbn0g01", "ftbbn0g02", "ftbbn0g04", "ftbbn2c16",
            "ftbbn3p08", "ftbgn2c16", "ftbgn3p08", "ftbrn2c08", "ftbwn0g16", "ftbwn3p08", "ftbyn3p08", "ftp0n0g08",
            "ftp0n2c08", "ftp0n3p08", "ftp1n3p08",
        ];
    }

    [TestCaseSource(nameof(PngSuiteNames))]
    public void Decode_PngSuiteFile_MatchesSngDump(string name)
    {
        SngFile expected = SngFile.Parse(File.ReadAllText(ImageTestData.PathOf($"pngsuite_go/{name}.sng")));
        RasterImage image = ImageDecoder.Decode(ImageTestData.Read($"pngsuite_go/{name}.png"));

        Assert.That((image.Width, image.Height), Is.EqualTo((expected.Width, expected.Height)));
        ushort[] actual = PixelCompare.ToRgba16(image);
        int firstDiff = -1;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] != expected.Rgba16[i])
            {
                firstDiff = i;
                break;
            }
        }

        Assert.That(firstDiff, Is.EqualTo(-1), () => $"first difference at pixel {firstDiff / 4}, channel {firstDiff % 4}: got {actual[firstDiff]}, expected {expected.Rgba16[firstDiff]}");
    }

    [Test]
    public void Decode_PngSuiteFile_KeepsBitDepthAndAddsAlphaOnlyForTrns()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn0g16.png")).Format, Is.EqualTo(PixelFormat.Gray16));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn0g04.png")).Format, Is.EqualTo(PixelFormat.Gray8));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn2c16.png")).Format, Is.EqualTo(PixelFormat.Rgb16));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn3p08.png")).Format, Is.EqualTo(PixelFormat.Rgb8));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn3p08-trns.png")).Format, Is.EqualTo(PixelFormat.Rgba8));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/ftbwn0g16.png")).Format, Is.EqualTo(PixelFormat.GrayAlpha16));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn4a08.png")).Format, Is.EqualTo(PixelFormat.GrayAlpha8));
            Assert.That(ImageDecoder.Decode(ImageTestData.Read("pngsuite_go/basn6a16.png")).Format, Is.EqualTo(PixelFormat.Rgba16));
        });
    }

    [TestCase("invalid-crc32.png")]
    [TestCase("invalid-noend.png")]
    [TestCase("invalid-palette.png")]
    [TestCase("invalid-trunc.png")]
    [TestCase("invalid-zlib.png")]
    public void Decode_CorruptGoTestFile_ThrowsInvalidImageData(string name)
    {
        byte[] data = ImageTestData.Read($"go_png_testdata/{name}");
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(data));
    }

    [TestCase("benchRGB", "benchRGB-interlace")]
    [TestCase("gray-gradient", "gray-gradient.interlaced")]
    public void Decode_Adam7File_EqualsNonInterlacedTwin(string plain, string interlaced)
    {
        RasterImage a = ImageDecoder.Decode(ImageTestData.Read($"go_png_testdata/{plain}.png"));
        RasterImage b = ImageDecoder.Decode(ImageTestData.Read($"go_png_testdata/{interlaced}.png"));
        Assert.That(PixelCompare.ToRgba16(b).AsSpan().SequenceEqual(PixelCompare.ToRgba16(a)), Is.True);
    }

    [TestCase("astronaut")]
    [TestCase("coffee")]
    [TestCase("camera")]
    public void Decode_DerivedInterlacedPhoto_EqualsSource(string name)
    {
        string interlacedName = name == "camera" ? "camera_gray" : name;
        RasterImage a = ImageDecoder.Decode(ImageTestData.Read($"skimage_data/{name}.png"));
        RasterImage b = ImageDecoder.Decode(ImageTestData.Read($"derived_lossless_variants/{interlacedName}.interlaced.png"));
        Assert.That(PixelCompare.ToRgba16(b).AsSpan().SequenceEqual(PixelCompare.ToRgba16(a)), Is.True);
    }

    [Test]
    public void Decode_BadCrcWithVerificationOff_Decodes()
    {
        byte[] data = ImageTestData.Read("go_png_testdata/invalid-crc32.png");
        RasterImage image = ImageDecoder.Decode(data, new ImageDecoderOptions { VerifyPngCrc = false });
        Assert.That(image.Width, Is.GreaterThan(0));
    }

    [Test]
    public void Decode_MorePixelsThanLimit_ThrowsBeforeInflating()
    {
        byte[] data = ImageTestData.Read("go_png_testdata/benchRGB.png");
        var ex = Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(data, new ImageDecoderOptions { MaxPixels = 1000 }));
        Assert.That(ex!.Message, Does.Contain("limit"));
    }
}
