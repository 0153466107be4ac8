using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>
/// OpenAI CLIP's byte-level BPE tokenizer (<c>simple_tokenizer.py</c>): NFC, HTML unescape, whitespace cleanup
/// and lower-casing; CLIP's pre-tokenisation pattern; byte-to-unicode mapping; merges by rank with a
/// <c>&lt;/w&gt;</c> end-of-word marker; <c>&lt;|startoftext|&gt;</c>/<c>&lt;|endoftext|&gt;</c> around a fixed
/// context (77 by default) truncated so that the end token stays last, zero padded.
/// Thread-safe; words already seen come from a cache without allocating.
/// </summary>
public sealed partial class ClipBpeTokenizer : ITextTokenizer
{
    private const int CacheLimit = 100_000;
    private const int StackBytes = 256;

    private readonly string[] _tokens;
    private readonly Dictionary<long, long> _merges; // (left << 32 | right) -> (rank << 32 | merged)
    private readonly int[] _byteIds = new int[256];
    private readonly int[] _byteEndIds = new int[256];
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    private ClipBpeTokenizer(string[] tokens, IReadOnlyList<(string Left, string Right)> merges, int contextLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        _tokens = tokens;
        var ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            ids.TryAdd(tokens[i], i);
        }

        for (int b = 0; b < 256; b++)
        {
            string symbol = ByteLevelAlphabet.ByteToChar[b].ToString();
            _byteIds[b] = Require(ids, symbol);
            _byteEndIds[b] = Require(ids, symbol + "</w>");
        }

        _merges = new Dictionary<long, long>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            (string left, string right) = merges[rank];
            long key = ((long)Require(ids, left) << 32) | (uint)Require(ids, right);
            _merges.TryAdd(key, ((long)rank << 32) | (uint)Require(ids, left + right));
        }

        StartId = Require(ids, "<|startoftext|>");
        EndId = Require(ids, "<|endoftext|>");
        MaxLength = contextLength;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The id of <c>&lt;|startoftext|&gt;</c> (49406 in OpenAI's vocabulary).</summary>
    public int StartId { get; }

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c> (49407 in OpenAI's vocabulary).</summary>
    public int EndId { get; }

    /// <summary>The number of tokens in the vocabulary.</summary>
    public int VocabularySize => _tokens.Length;

    /// <summary>The context length (77 for CLIP), special tokens included.</summary>
    public int MaxLength { get; }

    /// <summary>CLIP pads with 0.</summary>
    public long PaddingId => 0;

    /// <summary>The token string of <paramref name="id"/> (byte-level characters, with <c>&lt;/w&gt;</c> at word ends).</summary>
    /// <param name="id">A token id.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the vocabulary.</exception>
    public string GetToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }

    /// <summary>Encodes <paramref name="text"/> to BPE ids, without start/end tokens or truncation.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int[] EncodeIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        string cleaned = CleanText(text);
        foreach (ValueMatch match in PreTokenizer().EnumerateMatches(cleaned))
        {
            ids.AddRange(Word(cleaned.AsSpan(match.Index, match.Length)));
        }

        return [.. ids];
    }

    /// <summary>
    /// CLIP's fixed-length form (as <c>clip.tokenize(text, truncate=True)</c>): start token, BPE ids, end token,
    /// truncated to <see cref="MaxLength"/> with the end token kept last, zero padded.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see cref="MaxLength"/> ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public long[] EncodeFixed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        long[] ids = new long[MaxLength];
        Encode(text, ids, new long[MaxLength], new long[MaxLength]);
        return ids;
    }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<char> text, Span<long> inputIds, Span<long> attentionMask, Span<long> tokenTypeIds)
    {
        int length = inputIds.Length;
        if (length < 2 || attentionMask.Length != length || tokenTypeIds.Length != length)
        {
            throw new ArgumentException($"The id, mask and type spans must have one length of at least 2; got {inputIds.Length}, {attentionMask.Length}, {tokenTypeIds.Length}.", nameof(inputIds));
        }

        int count = 0;
        inputIds[count++] = StartId;
        string cleaned = CleanText(text);
        foreach (ValueMatch match in PreTokenizer().EnumerateMatches(cleaned))
        {
            foreach (int id in Word(cleaned.AsSpan(match.Index, match.Length)))
            {
                if (count == length - 1)
                {
                    goto Full;
                }

                inputIds[count++] = id;
            }
        }

    Full:
        inputIds[count++] = EndId;
        inputIds[count..].Clear();
        attentionMask[..count].Fill(1);
        attentionMask[count..].Clear();
        tokenTypeIds.Clear();
        return count;
    }

    /// <summary>Runs the cleaning steps of simple_tokenizer.py: NFC, HTML unescape (twice), whitespace collapse and trim, lower case.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The cleaned text.</returns>
    internal static string CleanText(ReadOnlySpan<char> text)
    {
        string s = text.ToString();
        if (!s.IsNormalized(System.Text.NormalizationForm.FormC))
        {
            s = s.Normalize(System.Text.NormalizationForm.FormC);
        }

        if (s.Contains('&', StringComparison.Ordinal))
        {
            s = System.Net.WebUtility.HtmlDecode(System.Net.WebUtility.HtmlDecode(s));
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            int n = 0;
            bool pendingSpace = false;
            foreach (char c in s)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = n > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[n++] = ' ';
                    pendingSpace = false;
                }

                buffer[n++] = char.ToLowerInvariant(c);
            }

            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The BPE ids of one pre-token, from the cache when seen before.</summary>
    /// <param name="word">A pre-token of cleaned text.</param>
    /// <returns>Its ids (shared; do not modify).</returns>
    internal int[] Word(ReadOnlySpan<char> word)
    {
        if (_cacheLookup.TryGetValue(word, out int[]? cached))
        {
            return cached;
        }

        int[] ids = word.SequenceEqual("<|startoftext|>") ? [StartId]
            : word.SequenceEqual("<|endoftext|>") ? [EndId]
            : Merge(word);
        if (_cache.Count < CacheLimit)
        {
            _cacheLookup.TryAdd(word, ids);
        }

        return ids;
    }

    /// <summary>The BPE ids of one pre-token, computed without the cache (for benchmarks).</summary>
    /// <param name="word">A pre-token of cleaned text.</param>
    /// <returns>Its ids.</returns>
    internal int[] MergeUncached(ReadOnlySpan<char> word) => Merge(word);

    private int[] Merge(ReadOnlySpan<char> word)
    {
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(word);
        byte[]? rentedBytes = byteCount > StackBytes ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        int[]? rentedSymbols = byteCount > StackBytes ? ArrayPool<int>.Shared.Rent(byteCount) : null;
        Span<byte> bytes = rentedBytes ?? stackalloc byte[StackBytes];
        Span<int> symbols = rentedSymbols ?? stackalloc int[StackBytes];
        try
        {
            System.Text.Encoding.UTF8.GetBytes(word, bytes);
            int n = byteCount;
            for (int i = 0; i < n; i++)
            {
                symbols[i] = i == n - 1 ? _byteEndIds[bytes[i]] : _byteIds[bytes[i]];
            }

            n = MergeInPlace(symbols[..n]);
            return symbols[..n].ToArray();
        }
        finally
        {
            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
                ArrayPool<int>.Shared.Return(rentedSymbols!);
            }
        }
    }

    /// <summary>Applies merges by rank until none applies: each round merges every occurrence of the best-ranked pair, left to right.</summary>
    private int MergeInPlace(Span<int> symbols)
    {
        int n = symbols.Length;
        while (n > 1)
        {
            long bestRank = long.MaxValue;
            int bestLeft = 0;
            int bestRight = 0;
            int bestMerged = 0;
            for (int i = 0; i < n - 1; i++)
            {
                if (_merges.TryGetValue(((long)symbols[i] << 32) | (uint)symbols[i + 1], out long entry) && (entry >> 32) < bestRank)
                {
                    bestRank = entry >> 32;
                    bestLeft = symbols[i];
                    bestRight = symbols[i + 1];
                    bestMerged = (int)entry;
                }
            }

            if (bestRank == long.MaxValue)
            {
                break;
            }

            int write = 0;
            for (int read = 0; read < n; read++)
            {
                if (read < n - 1 && symbols[read] == bestLeft && symbols[read + 1] == bestRight)
                {
                    symbols[write++] = bestMerged;
                    read++;
                }
                else
                {
                    symbols[write++] = symbols[read];
                }
            }

            n = write;
        }

        return n;
    }

    private static int Require(Dictionary<string, int> ids, string token)
        => ids.TryGetValue(token, out int id) ? id : throw new InvalidDataException($"The CLIP vocabulary has no token '{token}'.");

    // simple_tokenizer.py compiles this with IGNORECASE, but it only ever sees lower-cased text, where case-folding
    // changes nothing; matching case-sensitively is equivalent and faster.
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizer();
}
