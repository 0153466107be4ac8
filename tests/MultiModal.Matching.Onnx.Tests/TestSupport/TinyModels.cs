namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>Hand-written models with seeded weights, so expected embeddings can be computed in the test.</summary>
internal static class TinyModels
{
    /// <summary>pixel_values [batch, 3, 4, 4] → Flatten → MatMul W[48, 5] → divide by its L2 norm → image_embeds [batch, 5].</summary>
    public static (string Path, float[] Weights) ImageEncoder(int seed = 11)
    {
        float[] w = Random(seed, 48 * 5);
        string path = new OnnxModelBuilder()
            .Input("pixel_values", OnnxModelBuilder.Float, "batch", 3L, 4L, 4L)
            .Output("image_embeds", OnnxModelBuilder.Float, "batch", 5L)
            .Weight("W", [48, 5], w)
            .Node("Flatten", ["pixel_values"], ["flat"], ("axis", 1L))
            .Node("MatMul", ["flat", "W"], ["proj"])
            .Node("ReduceL2", ["proj"], ["norm"], ("axes", new long[] { 1 }), ("keepdims", 1L))
            .Node("Div", ["proj", "norm"], ["image_embeds"])
            .WriteTemp();
        return (path, w);
    }

    /// <summary>input_ids and attention_mask [batch, seq] → Gather(E[vocab, 3]) → last_hidden_state [batch, seq, 3].</summary>
    public static (string Path, float[] Embeddings) TextEncoder(int vocabulary, int idType = OnnxModelBuilder.Int64, int seed = 12)
    {
        float[] e = Random(seed, vocabulary * 3);
        string path = new OnnxModelBuilder()
            .Input("input_ids", idType, "batch", "sequence")
            .Input("attention_mask", idType, "batch", "sequence")
            .Output("last_hidden_state", OnnxModelBuilder.Float, "batch", "sequence", 3L)
            .Weight("E", [vocabulary, 3], e)
            .Node("Gather", ["E", "input_ids"], ["last_hidden_state"], ("axis", 0L))
            .WriteTemp();
        return (path, e);
    }

    /// <summary>waveform [batch, 16] → MatMul W[16, 4] → audio_embeds [batch, 4].</summary>
    public static (string Path, float[] Weights) AudioEncoder(int seed = 13)
    {
        float[] w = Random(seed, 16 * 4);
        string path = new OnnxModelBuilder()
            .Input("waveform", OnnxModelBuilder.Float, "batch", 16L)
            .Output("audio_embeds", OnnxModelBuilder.Float, "batch", 4L)
            .Weight("W", [16, 4], w)
            .Node("MatMul", ["waveform", "W"], ["audio_embeds"])
            .WriteTemp();
        return (path, w);
    }

    /// <summary>features [batch, 80, 10] → ReduceMean over frames (axes [2], keepdims 0) → mel_embeds [batch, 80].</summary>
    public static string LogMelEncoder()
        => new OnnxModelBuilder()
            .Input("features", OnnxModelBuilder.Float, "batch", 80L, 10L)
            .Output("mel_embeds", OnnxModelBuilder.Float, "batch", 80L)
            .Node("ReduceMean", ["features"], ["mel_embeds"], ("axes", new long[] { 2 }), ("keepdims", 0L))
            .WriteTemp();

    /// <summary>Row vector times matrix: x[n] · W[n, m].</summary>
    public static float[] MatVec(ReadOnlySpan<float> x, float[] w, int m)
    {
        float[] y = new float[m];
        for (int j = 0; j < m; j++)
        {
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i] * w[(i * m) + j];
            }

            y[j] = (float)sum;
        }

        return y;
    }

    /// <summary>Scales to unit L2 norm.</summary>
    public static float[] Normalised(float[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    private static float[] Random(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}
