using MultiModal.Matching.Onnx.Runtime;
using MultiModal.Matching.Onnx.Tests.TestSupport;

namespace MultiModal.Matching.Onnx.Tests.Runtime;

public sealed class OnnxSessionTests
{
    private static string SileroPath => TestData.Path("onnx_models/silero_vad/silero_vad.onnx");

    [Test]
    public void Open_SileroVad_ReportsDeclaredInputsAndOutputs()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());

        Assert.That(session.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "input", "state", "sr" }));
        Assert.That(session.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "output", "stateN" }));
        Assert.That(session.Inputs[0].ElementType, Is.EqualTo(OnnxElementType.Float));
        Assert.That(session.Inputs[0].Shape, Is.EqualTo(new long[] { -1, -1 }));
        Assert.That(session.Inputs[1].Shape, Is.EqualTo(new long[] { 2, -1, 128 }));
        Assert.That(session.Inputs[2].ElementType, Is.EqualTo(OnnxElementType.Int64));
        Assert.That(session.Inputs[2].Shape, Is.Empty);
        Assert.That(session.Outputs[0].Shape, Is.EqualTo(new long[] { -1, 1 }));
        Assert.That(session.RuntimeVersion, Does.StartWith("1."));
    }

    [Test]
    public void Open_SuperResolution_ReportsSymbolicBatchDimension()
    {
        using OnnxSession session = OnnxSession.Open(TestData.Path("onnx_models/super_resolution_pytorch/pytorch_super_resolution.onnx"), TestRuntime.Options());

        OnnxTensorInfo input = session.Inputs.Single();
        Assert.That(input.Shape, Is.EqualTo(new long[] { -1, 1, 224, 224 }));
        Assert.That(input.SymbolicShape[0], Is.Not.Empty);
        Assert.That(session.Outputs.Single().Shape.Skip(1), Is.EqualTo(new long[] { 1, 672, 672 }));
    }

    [Test]
    public void Run_SileroVadOnTestWav_SpeechHighAndSilenceLow()
    {
        (float[] samples, int rate) = Pcm16Wav.Read(TestData.Path("audio/silero_vad_samples/test.wav"));
        Assert.That(rate, Is.EqualTo(16000));
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());

        float[] speech = new SileroVad(session).Curve(samples.AsSpan(0, 16000 * 20));
        float[] silence = new SileroVad(session).Curve(new float[16000 * 2]);

        Assert.That(speech.Max(), Is.GreaterThan(0.9f), "somewhere in the first 20 s someone speaks");
        Assert.That(speech.Count(p => p > 0.5f), Is.GreaterThan(speech.Length / 4), "a good share of chunks are speech");
        Assert.That(silence.Max(), Is.LessThan(0.1f), "digital silence is never speech");
    }

    [Test]
    public void Run_SileroVadStateReset_ChangesProbabilities()
    {
        (float[] samples, _) = Pcm16Wav.Read(TestData.Path("audio/silero_vad_samples/test.wav"));
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        float[] carried = new SileroVad(session).Curve(samples.AsSpan(0, 16000 * 4));

        // The same chunks fed each with a fresh (zero) state: the recurrent state must matter.
        float[] fresh = new float[carried.Length];
        for (int c = 0; c < carried.Length; c++)
        {
            fresh[c] = new SileroVad(session).Next(samples.AsSpan(c * SileroVad.ChunkSamples, SileroVad.ChunkSamples));
        }

        Assert.That(carried.Zip(fresh, (a, b) => Math.Abs(a - b)).Max(), Is.GreaterThan(0.05f));
    }

    [Test]
    public void Run_ConcurrentRunsOnOneSession_MatchSequentialResults()
    {
        (float[] samples, _) = Pcm16Wav.Read(TestData.Path("audio/silero_vad_samples/test.wav"));
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        float[] expected = new SileroVad(session).Curve(samples.AsSpan(0, 16000 * 3));

        float[][] curves = new float[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => curves[t] = new SileroVad(session).Curve(samples.AsSpan(0, 16000 * 3)));

        foreach (float[] curve in curves)
        {
            Assert.That(curve, Is.EqualTo(expected).Within(1e-6f));
        }
    }

    [Test]
    public void RunInto_PreallocatedOutputs_EqualAllocatedOutputs()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        var random = new Random(7);
        float[] window = Enumerable.Range(0, 576).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", window, [1, 576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<long>("sr", new long[] { 16000 }, []),
        ];
        using OnnxRunResult allocated = session.Run(inputs, []);

        float[] probability = new float[1];
        float[] state = new float[256];
        session.RunInto(inputs, [OnnxTensor.Create<float>("output", probability.AsMemory(), [1, 1]), OnnxTensor.Create<float>("stateN", state.AsMemory(), [2, 1, 128])]);

        Assert.That(allocated.GetShape(allocated.IndexOf("stateN")), Is.EqualTo(new long[] { 2, 1, 128 }));
        Assert.That(probability[0], Is.EqualTo(allocated.GetData<float>(0)[0]));
        Assert.That(state, Is.EqualTo(allocated.GetData<float>(1).ToArray()));
    }

    [Test]
    public void Run_WrongInputRank_ThrowsInputShapeExceptionNamingTheInput()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<long>("sr", new long[] { 16000 }, []),
        ];

        var e = Assert.Throws<OnnxInputShapeException>(() => session.Run(inputs, []).Dispose());
        Assert.That(e!.InputName, Is.EqualTo("input"));
        Assert.That(e.Message, Does.Contain("[?, ?]").And.Contain("[576]"));
    }

    [Test]
    public void Run_WrongFixedDimension_ThrowsInputShapeException()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [1, 576]),
            OnnxTensor.Create<float>("state", new float[2 * 64], [2, 1, 64]),
            OnnxTensor.Create<long>("sr", new long[] { 16000 }, []),
        ];

        var e = Assert.Throws<OnnxInputShapeException>(() => session.Run(inputs, []).Dispose());
        Assert.That(e!.InputName, Is.EqualTo("state"));
    }

    [Test]
    public void Run_WrongElementType_ThrowsInputShapeException()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [1, 576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<int>("sr", new[] { 16000 }, []),
        ];

        var e = Assert.Throws<OnnxInputShapeException>(() => session.Run(inputs, []).Dispose());
        Assert.That(e!.Message, Does.Contain("Int64").And.Contain("Int32"));
    }

    [Test]
    public void Run_BadSampleRateValue_ThrowsOnnxRuntimeExceptionWithOrtMessage()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [1, 576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<long>("sr", new long[] { 12345 }, []),
        ];

        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run(inputs, []).Dispose());
        Assert.That(e!.ErrorCode, Is.Not.EqualTo(OnnxErrorCode.Ok));
        Assert.That(e.Message, Does.StartWith("ONNX Runtime error"));
    }

    [Test]
    public void Run_UnknownInputName_ThrowsArgumentException()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        var e = Assert.Throws<ArgumentException>(() => session.Run([OnnxTensor.Create<float>("audio", new float[576], [1, 576])], []).Dispose());
        Assert.That(e!.Message, Does.Contain("audio").And.Contain("input, state, sr"));
    }

    [Test]
    public void Run_CancelledToken_ThrowsOperationCanceled()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [1, 576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<long>("sr", new long[] { 16000 }, []),
        ];

        Assert.Throws<OperationCanceledException>(() => session.Run(inputs, [], cts.Token).Dispose());
    }

    [Test]
    public void Run_CancellableTokenNotCancelled_Runs()
    {
        using OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        using var cts = new CancellationTokenSource();
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", new float[576], [1, 576]),
            OnnxTensor.Create<float>("state", new float[256], [2, 1, 128]),
            OnnxTensor.Create<long>("sr", new long[] { 16000 }, []),
        ];

        using OnnxRunResult result = session.Run(inputs, ["output"], cts.Token);
        Assert.That(result.GetData<float>(0)[0], Is.InRange(0f, 0.1f));
    }

    [Test]
    public void Run_AfterDispose_ThrowsObjectDisposed()
    {
        OnnxSession session = OnnxSession.Open(SileroPath, TestRuntime.Options());
        session.Dispose();
        Assert.Throws<ObjectDisposedException>(() => session.Run([OnnxTensor.Create<float>("input", new float[576], [1, 576])], []).Dispose());
    }

    [Test]
    public void Open_MissingModelFile_ThrowsFileNotFoundWithPath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N") + ".onnx");
        var e = Assert.Throws<FileNotFoundException>(() => OnnxSession.Open(path, TestRuntime.Options()));
        Assert.That(e!.FileName, Is.EqualTo(path));
    }

    [Test]
    public void Open_GarbageBytes_ThrowsOnnxRuntimeException()
    {
        byte[] garbage = "this is not an ONNX protobuf at all"u8.ToArray();
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(garbage, TestRuntime.Options()));
        Assert.That(e!.ErrorCode, Is.EqualTo(OnnxErrorCode.InvalidProtobuf).Or.EqualTo(OnnxErrorCode.InvalidGraph).Or.EqualTo(OnnxErrorCode.Fail));
    }

    [Test]
    public void Open_FromBytes_MatchesOpenFromFile()
    {
        byte[] model = File.ReadAllBytes(SileroPath);
        using OnnxSession fromBytes = OnnxSession.Open(model, TestRuntime.Options());
        Assert.That(fromBytes.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "input", "state", "sr" }));
    }

    [Test]
    public void Open_CudaRequestedWithoutProvider_ThrowsExecutionProviderException()
    {
        OnnxSessionOptions options = TestRuntime.Options();
        options.ExecutionProvider = OnnxExecutionProvider.Cuda;

        var e = Assert.Throws<OnnxExecutionProviderException>(() => OnnxSession.Open(SileroPath, options));
        Assert.That(e!.Provider, Is.EqualTo(OnnxExecutionProvider.Cuda));
        Assert.That(e.Message, Does.Contain("CUDA").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
    }

    [Test]
    public void Open_ThreadAndOptimisationOptions_RunsTheSame()
    {
        OnnxSessionOptions options = TestRuntime.Options();
        options.IntraOpThreads = 2;
        options.InterOpThreads = 2;
        options.GraphOptimization = OnnxGraphOptimizationLevel.Disabled;
        (float[] samples, _) = Pcm16Wav.Read(TestData.Path("audio/silero_vad_samples/test.wav"));
        using OnnxSession tuned = OnnxSession.Open(SileroPath, options);
        using OnnxSession plain = OnnxSession.Open(SileroPath, TestRuntime.Options());

        Assert.That(new SileroVad(tuned).Curve(samples.AsSpan(0, 16000)), Is.EqualTo(new SileroVad(plain).Curve(samples.AsSpan(0, 16000))).Within(1e-4f));
    }

    [Test]
    public void Run_BoolAndInt32Tensors_RoundTripThroughModel()
    {
        byte[] model = new OnnxModelBuilder()
            .Input("flags", OnnxModelBuilder.Bool, 4L)
            .Input("counts", OnnxModelBuilder.Int32, "n")
            .Output("negated", OnnxModelBuilder.Bool, 4L)
            .Output("doubled", OnnxModelBuilder.Int32, "n")
            .Node("Not", ["flags"], ["negated"])
            .Node("Add", ["counts", "counts"], ["doubled"])
            .Build();
        using OnnxSession session = OnnxSession.Open(model, TestRuntime.Options());
        Assert.That(session.Inputs.Select(i => i.ElementType), Is.EqualTo(new[] { OnnxElementType.Bool, OnnxElementType.Int32 }));

        using OnnxRunResult result = session.Run(
            [OnnxTensor.Create<bool>("flags", new[] { true, false, false, true }, [4]), OnnxTensor.Create<int>("counts", new[] { 1, -2, 3 }, [3])], []);

        Assert.That(result.GetData<bool>(0).ToArray(), Is.EqualTo(new[] { false, true, true, false }));
        Assert.That(result.GetData<int>(1).ToArray(), Is.EqualTo(new[] { 2, -4, 6 }));
        Assert.Throws<InvalidOperationException>(() => result.GetData<float>(0).ToArray());
    }
}
