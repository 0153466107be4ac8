using System.Runtime.InteropServices;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>
/// A model-free text encoder: the "hashing trick" over word uni/bi-grams and character 3–5-grams (within
/// words padded as "&lt;word&gt;"), with sub-linear term frequency 1 + ln(tf), optional IDF weights fitted on a
/// corpus (<see cref="Fit"/>), and signed hashing into <see cref="HashedTextEncoderOptions.Dimension"/> buckets
/// (a stable 64-bit FNV-1a/fmix hash, never <see cref="string.GetHashCode()"/>). The word and character parts
/// are each L2-normalised, mixed by <see cref="HashedTextEncoderOptions.WordWeight"/>, and the result is
/// L2-normalised.
/// </summary>
/// <remarks>
/// <para>Tokens are maximal runs of letters and digits (Unicode), lower-cased with the invariant culture.</para>
/// <para>What it captures: shared words and phrases, spelling variants, inflections and typos (through character
/// n-grams), in any language written with separable words. What it cannot: meaning — synonyms, paraphrases and
/// translations share no n-grams and score near zero; word order beyond bigrams; negation. Hash collisions add
/// small noise that shrinks as the dimension grows. Use an ONNX text model for semantic matching.</para>
/// Deterministic across processes and platforms. Immutable and thread-safe.
/// </remarks>
public sealed class HashedTextEncoder : EncoderBase<string>
{
    private const ulong WordSeed = 0x776f7264UL;
    private const ulong CharSeed = 0x63686172UL;

    private readonly HashedTextEncoderOptions _options;
    private readonly float[]? _idf;

    [ThreadStatic]
    private static Dictionary<ulong, int>? t_counts;

    /// <summary>Creates an encoder without IDF weights.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The settings disable every feature.</exception>
    public HashedTextEncoder(HashedTextEncoderOptions? options = null)
        : this(Prepare(options), null)
    {
    }

    private HashedTextEncoder(HashedTextEncoderOptions options, float[]? idf)
        : base(Modality.Text, options.Dimension, IdentityOf(options, idf))
    {
        _options = options;
        _idf = idf;
    }

    /// <summary>The fitted IDF weight of each bucket (empty without IDF); store it to rebuild with <see cref="FromIdf"/>.</summary>
    public ReadOnlyMemory<float> Idf => _idf ?? ReadOnlyMemory<float>.Empty;

    /// <summary>
    /// Fits smoothed IDF weights ln((1 + N)/(1 + df)) + 1 per hash bucket, where df counts the documents in which
    /// any feature falling into the bucket occurs.
    /// </summary>
    /// <param name="corpus">The documents (at least 1).</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <returns>An encoder with IDF weights.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="corpus"/> or a document is null.</exception>
    /// <exception cref="ArgumentException">The corpus is empty.</exception>
    public static HashedTextEncoder Fit(IEnumerable<string> corpus, HashedTextEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        HashedTextEncoderOptions o = Prepare(options);
        var plain = new HashedTextEncoder(o, null);
        var df = new int[o.Dimension];
        var seen = new HashSet<int>();
        int n = 0;
        foreach (string document in corpus)
        {
            ArgumentNullException.ThrowIfNull(document, nameof(corpus));
            seen.Clear();
            Dictionary<ulong, int> counts = plain.Count(document, wordPart: true);
            foreach (ulong h in counts.Keys)
            {
                seen.Add(Bucket(h, o.Dimension));
            }

            counts = plain.Count(document, wordPart: false);
            foreach (ulong h in counts.Keys)
            {
                seen.Add(Bucket(h, o.Dimension));
            }

            foreach (int b in seen)
            {
                df[b]++;
            }

            n++;
        }

        if (n == 0)
        {
            throw new ArgumentException("The corpus is empty.", nameof(corpus));
        }

        var idf = new float[o.Dimension];
        for (int i = 0; i < idf.Length; i++)
        {
            idf[i] = (float)(Math.Log((1.0 + n) / (1.0 + df[i])) + 1.0);
        }

        return new HashedTextEncoder(o, idf);
    }

    /// <summary>Rebuilds an encoder from stored IDF weights.</summary>
    /// <param name="options">The settings it was fitted with.</param>
    /// <param name="idf">One positive finite weight per bucket.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="idf"/> has the wrong length or a non-positive or non-finite value.</exception>
    public static HashedTextEncoder FromIdf(HashedTextEncoderOptions options, ReadOnlySpan<float> idf)
    {
        ArgumentNullException.ThrowIfNull(options);
        HashedTextEncoderOptions o = Prepare(options);
        if (idf.Length != o.Dimension)
        {
            throw new ArgumentException($"The IDF weights must have {o.Dimension} values.", nameof(idf));
        }

        foreach (float w in idf)
        {
            if (!float.IsFinite(w) || w <= 0)
            {
                throw new ArgumentException("IDF weights must be positive and finite.", nameof(idf));
            }
        }

        return new HashedTextEncoder(o, idf.ToArray());
    }

    /// <inheritdoc/>
    protected override void EncodeCore(string input, Span<float> destination)
    {
        destination.Clear();
        float[] part = System.Buffers.ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            Span<float> chars = part.AsSpan(0, Dimension);
            float wordWeight = _options.MinCharNGram == 0 ? 1f : _options.MinWordNGram == 0 ? 0f : _options.WordWeight;
            if (wordWeight > 0)
            {
                Accumulate(Count(input, wordPart: true), destination);
                Numerics.VectorKernels.NormalizeInPlace(destination);
                System.Numerics.Tensors.TensorPrimitives.Multiply(destination, wordWeight, destination);
            }

            if (wordWeight < 1)
            {
                chars.Clear();
                Accumulate(Count(input, wordPart: false), chars);
                Numerics.VectorKernels.NormalizeInPlace(chars);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(chars, 1 - wordWeight, destination, destination);
            }

            Numerics.VectorKernels.NormalizeInPlace(destination);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(part);
        }
    }

    private void Accumulate(Dictionary<ulong, int> counts, Span<float> destination)
    {
        foreach ((ulong h, int tf) in counts)
        {
            int bucket = Bucket(h, Dimension);
            float weight = 1f + MathF.Log(tf);
            if (_idf is not null)
            {
                weight *= _idf[bucket];
            }

            destination[bucket] += (h & 1) == 0 ? weight : -weight;
        }
    }

    /// <summary>Feature hash → count for the word or the character part, in a reused per-thread dictionary.</summary>
    private Dictionary<ulong, int> Count(string text, bool wordPart)
    {
        Dictionary<ulong, int> counts = t_counts ??= new Dictionary<ulong, int>();
        counts.Clear();
        Span<char> lower = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        text.AsSpan().ToLowerInvariant(lower);

        int index = 0, wordsSeen = 0;
        Span<ulong> window = stackalloc ulong[8];
        while (NextToken(lower, ref index, out int start, out int length))
        {
            ReadOnlySpan<char> token = lower.Slice(start, length);
            if (wordPart)
            {
                if (_options.MinWordNGram == 0)
                {
                    continue;
                }

                window[wordsSeen % 8] = StableHash.Hash64(token, WordSeed);
                wordsSeen++;
                for (int n = _options.MinWordNGram; n <= Math.Min(_options.MaxWordNGram, wordsSeen); n++)
                {
                    ulong h = (ulong)n;
                    for (int k = n; k >= 1; k--)
                    {
                        h = StableHash.Combine(h, window[(wordsSeen - k) % 8]);
                    }

                    Increment(counts, h);
                }
            }
            else if (_options.MinCharNGram > 0)
            {
                CountCharNGrams(token, counts);
            }
        }

        return counts;
    }

    private void CountCharNGrams(ReadOnlySpan<char> token, Dictionary<ulong, int> counts)
    {
        Span<char> padded = token.Length <= 254 ? stackalloc char[token.Length + 2] : new char[token.Length + 2];
        padded[0] = '<';
        token.CopyTo(padded[1..]);
        padded[^1] = '>';
        for (int n = _options.MinCharNGram; n <= _options.MaxCharNGram && n <= padded.Length; n++)
        {
            ulong seed = CharSeed + (ulong)n;
            for (int i = 0; i + n <= padded.Length; i++)
            {
                Increment(counts, StableHash.Hash64(padded.Slice(i, n), seed));
            }
        }
    }

    private static void Increment(Dictionary<ulong, int> counts, ulong h)
    {
        ref int c = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, h, out _);
        c++;
    }

    private static bool NextToken(ReadOnlySpan<char> text, ref int index, out int start, out int length)
    {
        while (index < text.Length && !char.IsLetterOrDigit(text[index]))
        {
            index++;
        }

        start = index;
        while (index < text.Length && char.IsLetterOrDigit(text[index]))
        {
            index++;
        }

        length = index - start;
        return length > 0;
    }

    private static int Bucket(ulong h, int dimension) => (int)(((h >> 32) * (ulong)dimension) >> 32);

    private static HashedTextEncoderOptions Prepare(HashedTextEncoderOptions? options)
    {
        HashedTextEncoderOptions o = options?.Clone() ?? new HashedTextEncoderOptions();
        o.Validate();
        return o;
    }

    private static EncoderIdentity IdentityOf(HashedTextEncoderOptions o, float[]? idf)
    {
        string config = o.Canonical();
        if (idf is not null)
        {
            config += ";idf=" + StableHash.Hash64(MemoryMarshal.AsBytes(idf.AsSpan())).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        return EncoderIdentity.Create("mmm.text.hashed-ngrams", "1", config);
    }
}
