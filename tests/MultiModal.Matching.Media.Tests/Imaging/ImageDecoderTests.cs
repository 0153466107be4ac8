using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging;

[TestFixture]
public sealed class ImageDecoderTests
{
    [Test]
    public void Decode_PineappleJpgThatIsPng_SniffedAsPng()
    {
        byte[] data = ImageTestData.Read("onnxruntime_extensions_testdata/pineapple.jpg");

        Assert.That(ImageDecoder.DetectFormat(data), Is.EqualTo(ImageFormat.Png));
        RasterImage image = ImageDecoder.Decode(data);
        Assert.That((image.Width, image.Height, image.Format), Is.EqualTo((744, 850, PixelFormat.Rgba8)));
    }

    [TestCase("skimage_data")]
    [TestCase("sklearn_sample_images")]
    [TestCase("onnxruntime_extensions_testdata")]
    [TestCase("misc")]
    public void Decode_EveryCorpusImage_DecodesOrThrowsImageFormatException(string folder)
    {
        var outcomes = new List<string>();
        foreach (string path in Directory.GetFiles(ImageTestData.PathOf(folder)).Order(StringComparer.Ordinal))
        {
            string ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext is ".txt" or ".npy" or "" || Path.GetFileName(path) == "debian-copyright")
            {
                continue;
            }

            byte[] data = File.ReadAllBytes(path);
            ImageFormat format = ImageDecoder.DetectFormat(data);
            try
            {
                RasterImage image = ImageDecoder.Decode(data);
                Assert.That(image.Pixels.Length, Is.EqualTo(image.Width * image.Height * image.Format.BytesPerPixel()));
                Assert.That(format, Is.AnyOf(ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Bmp, ImageFormat.Pnm), path);
                outcomes.Add($"{Path.GetFileName(path)}: {format} {image.Width}x{image.Height} {image.Format}");
            }
            catch (UnsupportedImageFormatException ex)
            {
                Assert.That(format, Is.AnyOf(ImageFormat.Gif, ImageFormat.Tiff), path);
                Assert.That(ex.Format, Is.EqualTo(format));
                outcomes.Add($"{Path.GetFileName(path)}: unsupported {ex.Format}");
            }
            catch (InvalidImageDataException ex)
            {
                Assert.That(Path.GetFileName(path), Is.EqualTo("truncated.jpg"), ex.Message);
                outcomes.Add($"{Path.GetFileName(path)}: invalid ({ex.Message})");
            }
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, outcomes));
        Assert.That(outcomes, Is.Not.Empty);
    }

    [TestCase("onnxruntime_extensions_testdata/canoe.tif", ImageFormat.Tiff)]
    [TestCase("skimage_data/no_time_for_that_tiny.gif", ImageFormat.Gif)]
    [TestCase("go_jpeg_testdata/video-001.gif", ImageFormat.Gif)]
    public void Decode_GifOrTiff_ThrowsUnsupportedNamingTheFormat(string file, ImageFormat format)
    {
        var ex = Assert.Throws<UnsupportedImageFormatException>(() => ImageDecoder.Decode(ImageTestData.Read(file)));
        Assert.That(ex!.Format, Is.EqualTo(format));
        Assert.That(ex.Message, Does.Contain(format.ToString()));
    }

    [Test]
    public void Decode_UnknownBytes_ThrowsUnsupportedUnknown()
    {
        var ex = Assert.Throws<UnsupportedImageFormatException>(() => ImageDecoder.Decode("hello, world"u8));
        Assert.That(ex!.Format, Is.EqualTo(ImageFormat.Unknown));
    }

    [Test]
    public void Decode_EmptyInput_ThrowsUnsupported()
    {
        Assert.Throws<UnsupportedImageFormatException>(() => ImageDecoder.Decode(ReadOnlySpan<byte>.Empty));
    }

    [Test]
    public void Decode_Stream_EqualsDecodeOfBytes()
    {
        byte[] data = ImageTestData.Read("go_jpeg_testdata/video-001.jpeg");
        using var stream = new MemoryStream(data);
        Assert.That(ImageDecoder.Decode(stream).Pixels.SequenceEqual(ImageDecoder.Decode(data).Pixels), Is.True);
    }

    [Test]
    public void Decode_StreamLongerThanLimit_ThrowsInvalidImageData()
    {
        using var stream = new MemoryStream(new byte[10_000]);
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(stream, new ImageDecoderOptions { MaxInputBytes = 1000 }));
    }

    [Test]
    public void Decode_NullStream_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => ImageDecoder.Decode((Stream)null!));
    }

    [Test]
    public void DecodeFile_Path_EqualsDecodeOfBytes()
    {
        string path = ImageTestData.PathOf("pngsuite_go/basn2c08.png");
        Assert.That(ImageDecoder.DecodeFile(path).Pixels.SequenceEqual(ImageDecoder.Decode(File.ReadAllBytes(path)).Pixels), Is.True);
    }

    [Test]
    public void Decode_ExifOrientedJpeg_AppliesOrientationUnlessDisabled()
    {
        // australia.jpg carries an EXIF block; whatever its orientation, turning it off must give the stored raster.
        byte[] data = ImageTestData.Read("onnxruntime_extensions_testdata/australia.jpg");
        RasterImage raw = ImageDecoder.Decode(data, new ImageDecoderOptions { ApplyExifOrientation = false });
        Assert.That((raw.Width, raw.Height), Is.EqualTo((1300, 876)));
    }
}
