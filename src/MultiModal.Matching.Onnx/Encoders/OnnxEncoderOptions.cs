namespace MultiModal.Matching.Onnx.Encoders;

/// <summary>
/// What every ONNX encoder's options share: the runtime settings, which output holds the embedding, how it is
/// pooled and normalised, how many inputs go into one session run, and the encoder's identity name. Setters
/// validate; not thread-safe to mutate (encoders copy their options).
/// </summary>
public abstract class OnnxEncoderOptions
{
    private OnnxSessionOptions _session = new();
    private int _batchSize;
    private string _name;

    /// <summary>Sets the defaults a concrete encoder's options start from.</summary>
    /// <param name="defaultName">The identity name used when <see cref="Name"/> is not set.</param>
    /// <param name="defaultBatchSize">The batch size used when <see cref="BatchSize"/> is not set.</param>
    private protected OnnxEncoderOptions(string defaultName, int defaultBatchSize)
    {
        _name = defaultName;
        _batchSize = defaultBatchSize;
    }

    /// <summary>ONNX Runtime settings (native library, threads, provider).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public OnnxSessionOptions Session
    {
        get => _session;
        set => _session = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The output holding the embedding (e.g. <c>text_embeds</c>, <c>image_embeds</c>, <c>pooler_output</c>); null for the model's first output.</summary>
    public string? OutputName { get; set; }

    /// <summary>How the output becomes one vector per input; null chooses from its rank (2 → Flatten, 3 → MaskedMean).</summary>
    public OnnxPooling? Pooling { get; set; }

    /// <summary>L2-normalise the embeddings (true by default; cosine search expects it).</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>
    /// Inputs per session run (by default 32 texts, 16 images or 8 audio clips of one length); capped by a fixed
    /// batch dimension in the model.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int BatchSize
    {
        get => _batchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _batchSize = value;
        }
    }

    /// <summary>
    /// The encoder's identity name (by default "mmm.onnx.text", "mmm.onnx.image" or "mmm.onnx.audio"); the model
    /// file's hash is added to the identity's configuration hash.
    /// </summary>
    /// <exception cref="ArgumentException">Empty or whitespace.</exception>
    public string Name
    {
        get => _name;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            _name = value;
        }
    }

    /// <summary>A member-wise copy whose session options are copied too; concrete options copy their own arrays.</summary>
    /// <typeparam name="TOptions">The concrete options type.</typeparam>
    /// <returns>The copy.</returns>
    private protected TOptions CloneCore<TOptions>()
        where TOptions : OnnxEncoderOptions
    {
        var copy = (TOptions)MemberwiseClone();
        copy._session = _session.Clone();
        return copy;
    }
}
