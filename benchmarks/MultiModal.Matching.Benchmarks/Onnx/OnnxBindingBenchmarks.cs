using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using MultiModal.Matching.Onnx.Interop;
using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Benchmarks.Onnx;

/// <summary>
/// The binding's overhead over a bare <c>OrtApi::Run</c>, on a trivial model (<c>y = -x</c>, x float[1, 4], where
/// the run itself is a few µs so the binding's share shows) and on Silero VAD (one 576-sample chunk, three inputs
/// including an int64 scalar). Three ways: (a) bare — OrtValues and name pointers created once, only Run,
/// reading the output, and ReleaseValue per call; (b) <see cref="OnnxSession.Run"/> — validation, pinning, OrtValue
/// creation, the result wrapper, reading the output; (c) <see cref="OnnxSession.RunInto"/> — outputs written
/// into caller buffers.
/// </summary>
[Config(typeof(OnnxBenchmarkConfig))]
public unsafe class OnnxBindingBenchmarks
{
    // ModelProto { ir_version: 8, graph { node { input: "x" output: "y" name: "neg" op_type: "Neg" } name: "g"
    // input { x: float [1, 4] } output { y: float [1, 4] } } opset_import { domain: "" version: 13 } }
    private static readonly byte[] s_negModel =
    [
        0x08, 0x08, 0x3A, 0x3F, 0x0A, 0x10, 0x0A, 0x01, 0x78, 0x12, 0x01, 0x79, 0x1A, 0x03, 0x6E, 0x65, 0x67, 0x22, 0x03, 0x4E,
        0x65, 0x67, 0x12, 0x01, 0x67, 0x5A, 0x13, 0x0A, 0x01, 0x78, 0x12, 0x0E, 0x0A, 0x0C, 0x08, 0x01, 0x12, 0x08, 0x0A, 0x02,
        0x08, 0x01, 0x0A, 0x02, 0x08, 0x04, 0x62, 0x13, 0x0A, 0x01, 0x79, 0x12, 0x0E, 0x0A, 0x0C, 0x08, 0x01, 0x12, 0x08, 0x0A,
        0x02, 0x08, 0x01, 0x0A, 0x02, 0x08, 0x04, 0x42, 0x04, 0x0A, 0x00, 0x10, 0x0D,
    ];

    private OnnxSession _session = null!;
    private OrtLibrary _library = null!;
    private OnnxTensor[] _inputs = null!;
    private OnnxTensor[] _outputBuffers = null!;
    private string[] _outputNames = null!;
    private GCHandle[] _pins = [];
    private nint[] _values = [];
    private nint[] _inputNamePointers = [];
    private nint[] _outputNamePointers = [];
    private byte[][] _names = [];
    private nint _sessionHandle;

    [Params("neg-1x4", "silero-vad")]
    public string Model { get; set; } = "neg-1x4";

    [GlobalSetup]
    public void Setup()
    {
        var options = BenchmarkData.Session();
        _library = OrtLibrary.Get(options.NativeLibraryPath);
        (string Name, Array Data, long[] Shape)[] inputs;
        (string Name, float[] Data, long[] Shape)[] outputs;
        if (Model == "neg-1x4")
        {
            _session = OnnxSession.Open(s_negModel, options);
            inputs = [("x", new float[] { 1, 2, 3, 4 }, [1, 4])];
            outputs = [("y", new float[4], [1, 4])];
        }
        else
        {
            _session = OnnxSession.Open(BenchmarkData.Path("onnx_models/silero_vad/silero_vad.onnx"), options);
            var random = new Random(3);
            float[] window = Enumerable.Range(0, 576).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
            inputs = [("input", window, [1, 576]), ("state", new float[256], [2, 1, 128]), ("sr", new long[] { 16000 }, [])];
            outputs = [("output", new float[1], [1, 1]), ("stateN", new float[256], [2, 1, 128])];
        }

        _inputs = inputs.Select(i => i.Data is float[] f ? (OnnxTensor)OnnxTensor.Create<float>(i.Name, f.AsMemory(), i.Shape) : OnnxTensor.Create<long>(i.Name, ((long[])i.Data).AsMemory(), i.Shape)).ToArray();
        _outputBuffers = outputs.Select(o => (OnnxTensor)OnnxTensor.Create<float>(o.Name, o.Data.AsMemory(), o.Shape)).ToArray();
        _outputNames = outputs.Select(o => o.Name).ToArray();

        // The bare path: everything prepared once.
        _pins = inputs.Select(i => GCHandle.Alloc(i.Data, GCHandleType.Pinned)).ToArray();
        _values = inputs.Select((i, k) => Value(_pins[k], Buffer.ByteLength(i.Data), i.Shape, i.Data is float[] ? OnnxElementType.Float : OnnxElementType.Int64)).ToArray();
        _names = inputs.Select(i => i.Name).Concat(_outputNames).Select(n =>
        {
            byte[] pinned = GC.AllocateArray<byte>(n.Length + 1, pinned: true);
            System.Text.Encoding.UTF8.GetBytes(n, pinned);
            return pinned;
        }).ToArray();
        _inputNamePointers = _names.Take(inputs.Length).Select(Address).ToArray();
        _outputNamePointers = _names.Skip(inputs.Length).Select(Address).ToArray();
        _sessionHandle = _session.Handle.DangerousGetHandle();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (nint v in _values)
        {
            _library.Api.ReleaseValue(v);
        }

        foreach (GCHandle pin in _pins)
        {
            pin.Free();
        }

        _session.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float Run_BareOrtApi()
    {
        OrtApi api = _library.Api;
        int outputCount = _outputNamePointers.Length;
        nint* outputs = stackalloc nint[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = 0;
        }

        fixed (nint* inputNames = _inputNamePointers)
        fixed (nint* outputNames = _outputNamePointers)
        fixed (nint* inputs = _values)
        {
            api.Check(api.Run(_sessionHandle, 0, inputNames, inputs, (nuint)_values.Length, outputNames, (nuint)outputCount, outputs));
        }

        void* data;
        api.Check(api.GetTensorMutableData(outputs[0], &data));
        float first = *(float*)data;
        for (int i = 0; i < outputCount; i++)
        {
            api.ReleaseValue(outputs[i]);
        }

        return first;
    }

    [Benchmark]
    public float Run_OnnxSession()
    {
        using OnnxRunResult result = _session.Run(_inputs, _outputNames);
        return result.GetData<float>(0)[0];
    }

    [Benchmark]
    public float RunInto_OnnxSession()
    {
        _session.RunInto(_inputs, _outputBuffers);
        return ((OnnxTensor<float>)_outputBuffers[0]).Data.Span[0];
    }

    private static nint Address(byte[] pinned) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));

    private nint Value(GCHandle pin, int bytes, long[] shape, OnnxElementType type)
    {
        OrtApi api = _library.Api;
        nint value;
        fixed (long* s = shape)
        {
            api.Check(api.CreateTensorWithDataAsOrtValue(_library.CpuMemoryInfo.DangerousGetHandle(), (void*)pin.AddrOfPinnedObject(), (nuint)bytes, s, (nuint)shape.Length, (int)type, &value));
        }

        return value;
    }
}
