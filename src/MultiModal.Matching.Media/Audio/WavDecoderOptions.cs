namespace MultiModal.Matching.Media.Audio;

/// <summary>Limits and policies for <see cref="WavDecoder"/>. Thread-safety: do not mutate while a decode uses it.</summary>
public sealed class WavDecoderOptions
{
    private long _maxSamples = 1L << 28;

    /// <summary>The default options (at most 2^28 samples, truncated data decoded).</summary>
    public static WavDecoderOptions Default { get; } = new();

    /// <summary>
    /// The most samples (frames × channels) a file may declare or hold; more raises
    /// <see cref="InvalidAudioContentException"/> before anything is allocated. Default 2^28 (1 GiB of floats).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than <see cref="Array.MaxLength"/>.</exception>
    public long MaxSamples
    {
        get => _maxSamples;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxSamples = value;
        }
    }

    /// <summary>
    /// When the data chunk declares more bytes than the file holds: true (default) decodes the whole frames that
    /// are present and drops a trailing partial frame, as scipy does; false raises <see cref="InvalidAudioContentException"/>.
    /// </summary>
    public bool AllowTruncatedData { get; set; } = true;

    /// <summary>Returns a copy.</summary>
    /// <returns>The copy.</returns>
    public WavDecoderOptions Clone() => new() { _maxSamples = _maxSamples, AllowTruncatedData = AllowTruncatedData };
}
