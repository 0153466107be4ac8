using MultiModal.Matching.Onnx.Runtime;

namespace MultiModal.Matching.Onnx.Tests.Runtime;

/// <summary>Drives the Silero VAD v5 model the way its official wrapper does: 512-sample chunks at 16 kHz plus 64 samples of context, state carried.</summary>
internal sealed class SileroVad
{
    public const int ChunkSamples = 512;
    public const int ContextSamples = 64;

    private readonly OnnxSession _session;
    private float[] _state = new float[2 * 128];
    private readonly float[] _window = new float[ContextSamples + ChunkSamples];
    private readonly long[] _sampleRate = [16000];

    public SileroVad(OnnxSession session) => _session = session;

    /// <summary>The speech probability of the next chunk.</summary>
    public float Next(ReadOnlySpan<float> chunk)
    {
        // context = the last 64 samples of the previous window
        _window.AsSpan(ChunkSamples, ContextSamples).CopyTo(_window);
        chunk.CopyTo(_window.AsSpan(ContextSamples));
        OnnxTensor[] inputs =
        [
            OnnxTensor.Create<float>("input", _window, [1, ContextSamples + ChunkSamples]),
            OnnxTensor.Create<float>("state", _state, [2, 1, 128]),
            OnnxTensor.Create<long>("sr", _sampleRate, []),
        ];
        using OnnxRunResult result = _session.Run(inputs, ["output", "stateN"]);
        float probability = result.GetData<float>(0)[0];
        _state = result.GetData<float>(1).ToArray();
        return probability;
    }

    /// <summary>Probabilities for every whole chunk of <paramref name="samples"/>.</summary>
    public float[] Curve(ReadOnlySpan<float> samples)
    {
        int chunks = samples.Length / ChunkSamples;
        float[] curve = new float[chunks];
        for (int c = 0; c < chunks; c++)
        {
            curve[c] = Next(samples.Slice(c * ChunkSamples, ChunkSamples));
        }

        return curve;
    }
}
