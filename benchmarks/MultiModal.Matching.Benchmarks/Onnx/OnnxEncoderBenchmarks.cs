using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Onnx.Encoders;

namespace MultiModal.Matching.Benchmarks.Onnx;

/// <summary>
/// End-to-end image encoder latency (decoded image → resize/crop/luma → session run → flatten + L2) on the
/// super-resolution CNN as an image-pipeline stand-in (no real CLIP model is available here): one image per call,
/// and a batch of 4 per call. One intra-op thread.
/// </summary>
[Config(typeof(OnnxBenchmarkConfig))]
public class OnnxEncoderBenchmarks
{
    private OnnxImageEncoder _encoder = null!;
    private RasterImage[] _images = null!;
    private float[] _one = null!;
    private float[] _four = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new OnnxImageEncoderOptions { Session = BenchmarkData.Session(), Mean = [0f], Std = [1f], BatchSize = 4 };
        _encoder = new OnnxImageEncoder(BenchmarkData.Path("onnx_models/super_resolution_pytorch/pytorch_super_resolution.onnx"), options);
        RasterImage image = ImageDecoder.DecodeFile(BenchmarkData.Path("onnx_models/super_resolution_pytorch/test_superresolution.png"));
        _images = [image, image, image, image];
        _one = new float[_encoder.Dimension];
        _four = new float[_encoder.Dimension * 4];
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark(Baseline = true)]
    public float ImageEncoder_OneItem()
    {
        _encoder.Encode(_images[0], _one);
        return _one[0];
    }

    [Benchmark]
    public float ImageEncoder_BatchOf4()
    {
        _encoder.EncodeBatch(_images, _four);
        return _four[0];
    }
}
