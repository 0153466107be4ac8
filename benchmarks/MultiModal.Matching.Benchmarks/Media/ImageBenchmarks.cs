using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Media.Encoders;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Benchmarks.Media;

/// <summary>
/// Image decoding, resizing and the classic image encoder on real files from ../shared/data/images.
/// Run: <c>dotnet run -c Release --project benchmarks/MultiModal.Matching.Benchmarks -- --filter "*ImageBenchmarks*" --job short</c>;
/// compare the JPEG figures with <c>tjbench FILE -benchtime 3</c> (libjpeg-turbo) run in the same session.
/// </summary>
[MemoryDiagnoser]
public class ImageBenchmarks
{
    private byte[] _china = [];
    private byte[] _chinaProgressive = [];
    private byte[] _testColors = [];
    private byte[] _pngAstronaut = [];
    private byte[] _pngInterlaced = [];
    private RasterImage _fullHd = null!;
    private RasterImage _photo = null!;
    private ClassicImageEncoder _encoder = null!;
    private float[] _vector = [];
    private float[] _tensor = [];

    [GlobalSetup]
    public void Setup()
    {
        string root = FindImages();
        _china = File.ReadAllBytes(Path.Combine(root, "sklearn_sample_images/china.jpg"));
        _chinaProgressive = File.ReadAllBytes(Path.Combine(root, "derived_lossless_variants/china.progressive.jpg"));
        _testColors = File.ReadAllBytes(Path.Combine(root, "onnxruntime_extensions_testdata/test_colors.jpg"));
        _pngAstronaut = File.ReadAllBytes(Path.Combine(root, "skimage_data/astronaut.png"));
        _pngInterlaced = File.ReadAllBytes(Path.Combine(root, "derived_lossless_variants/astronaut.interlaced.png"));
        _photo = ImageDecoder.Decode(_china);
        _fullHd = ImageTransforms.Resize(ImageDecoder.Decode(_testColors), 1920, 1080);
        _encoder = new ClassicImageEncoder();
        _vector = new float[_encoder.Dimension];
        _tensor = new float[3 * 224 * 224];
    }

    [Benchmark]
    public RasterImage JpegDecode_China640x427() => ImageDecoder.Decode(_china);

    [Benchmark]
    public RasterImage JpegDecode_China640x427Progressive() => ImageDecoder.Decode(_chinaProgressive);

    [Benchmark]
    public RasterImage JpegDecode_TestColors2560x1600() => ImageDecoder.Decode(_testColors);

    [Benchmark]
    public RasterImage PngDecode_Astronaut512() => ImageDecoder.Decode(_pngAstronaut);

    [Benchmark]
    public RasterImage PngDecode_Astronaut512Adam7() => ImageDecoder.Decode(_pngInterlaced);

    [Benchmark]
    public RasterImage Resize_1920x1080To224Bilinear() => ImageTransforms.Resize(_fullHd, 224, 224, ResizeFilter.Bilinear);

    [Benchmark]
    public RasterImage Resize_1920x1080To224Area() => ImageTransforms.Resize(_fullHd, 224, 224, ResizeFilter.Area);

    [Benchmark]
    public void ClipPreprocess_1920x1080() => ImageTensor.WriteClip(_fullHd, _tensor);

    [Benchmark]
    public void ClassicEncoder_Encode640x427() => _encoder.Encode(_photo, _vector);

    private static string FindImages()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "images");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "/work/shared/data/images";
    }
}
