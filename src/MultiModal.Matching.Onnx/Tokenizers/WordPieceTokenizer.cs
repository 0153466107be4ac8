namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>
/// BERT's WordPiece tokenizer (as Hugging Face's BertTokenizer): basic tokenisation (cleanup, CJK and punctuation
/// splitting, lower-casing with accent stripping), then greedy longest-match-first word pieces with <c>##</c>
/// continuations, <c>[UNK]</c> for words that cannot be covered; <c>[CLS]</c>/<c>[SEP]</c>/<c>[PAD]</c>; sentence
/// pairs with token type ids; longest-first truncation. Thread-safe; vocabulary look-ups do not allocate.
/// </summary>
public sealed class WordPieceTokenizer : ITextTokenizer
{
    private const int MaxCharsPerWord = 100;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly string[] _tokens;

    private WordPieceTokenizer(string[] tokens, bool lowerCase, int maxLength)
    {
        _tokens = tokens;
        var words = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            if (token.StartsWith("##", StringComparison.Ordinal) && token.Length > 2)
            {
                continuations.TryAdd(token[2..], i);
            }

            words.TryAdd(token, i);
        }

        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        LowerCase = lowerCase;
        MaxLength = maxLength;
        ClsId = Require(words, "[CLS]");
        SepId = Require(words, "[SEP]");
        PadId = Require(words, "[PAD]");
        UnkId = Require(words, "[UNK]");
    }

    /// <summary>Whether text is lower-cased and accent-stripped (uncased models).</summary>
    public bool LowerCase { get; }

    /// <summary>The longest sequence produced, special tokens included (512 for BERT by default).</summary>
    public int MaxLength { get; }

    /// <summary>The id of [PAD].</summary>
    public long PaddingId => PadId;

    /// <summary>The id of [CLS].</summary>
    public int ClsId { get; }

    /// <summary>The id of [SEP].</summary>
    public int SepId { get; }

    /// <summary>The id of [PAD].</summary>
    public int PadId { get; }

    /// <summary>The id of [UNK].</summary>
    public int UnkId { get; }

    /// <summary>The number of tokens in the vocabulary.</summary>
    public int VocabularySize => _tokens.Length;

    /// <summary>Loads a <c>vocab.txt</c> (one token per line; the line number is the id).</summary>
    /// <param name="path">The vocabulary file.</param>
    /// <param name="lowerCase">True for uncased models (lower-case and strip accents).</param>
    /// <param name="maxLength">The longest sequence produced, special tokens included.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">[CLS], [SEP], [PAD] or [UNK] is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 3.</exception>
    public static WordPieceTokenizer FromVocabularyFile(string path, bool lowerCase = true, int maxLength = 512)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 3);
        string[] lines = File.ReadAllLines(path, System.Text.Encoding.UTF8);
        int count = lines.Length;
        while (count > 0 && lines[count - 1].Length == 0)
        {
            count--;
        }

        return new WordPieceTokenizer(lines[..count], lowerCase, maxLength);
    }

    /// <summary>The token string of <paramref name="id"/>.</summary>
    /// <param name="id">A token id.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The id is outside the vocabulary.</exception>
    public string GetToken(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }

    /// <summary>The word-piece ids of <paramref name="text"/>, without special tokens or truncation.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        AppendPieces(text, ids);
        return [.. ids];
    }

    /// <summary>Encodes one text, or a pair, as BERT's inputs: <c>[CLS] a [SEP] (b [SEP])</c>, truncated longest-first to <paramref name="maxLength"/>.</summary>
    /// <param name="text">The first text.</param>
    /// <param name="pair">The second text, or null.</param>
    /// <param name="maxLength">The longest result; <see cref="MaxLength"/> when null.</param>
    /// <returns>The ids, type ids and mask, unpadded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below the special tokens' count.</exception>
    public WordPieceEncoding Encode(string text, string? pair = null, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        int limit = maxLength ?? MaxLength;
        int specials = pair is null ? 2 : 3;
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, specials, nameof(maxLength));
        var a = new List<int>();
        var b = new List<int>();
        AppendPieces(text, a);
        if (pair is not null)
        {
            AppendPieces(pair, b);
        }

        while (a.Count + b.Count > limit - specials)
        {
            List<int> longer = a.Count > b.Count ? a : b;
            longer.RemoveAt(longer.Count - 1);
        }

        int total = a.Count + b.Count + specials;
        long[] ids = new long[total];
        long[] types = new long[total];
        int n = 0;
        ids[n++] = ClsId;
        foreach (int id in a)
        {
            ids[n++] = id;
        }

        ids[n++] = SepId;
        if (pair is not null)
        {
            int second = n;
            foreach (int id in b)
            {
                ids[n++] = id;
            }

            ids[n++] = SepId;
            types.AsSpan(second).Fill(1);
        }

        long[] mask = new long[total];
        mask.AsSpan().Fill(1);
        return new WordPieceEncoding(ids, types, mask);
    }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<char> text, Span<long> inputIds, Span<long> attentionMask, Span<long> tokenTypeIds)
    {
        int length = inputIds.Length;
        if (length < 2 || attentionMask.Length != length || tokenTypeIds.Length != length)
        {
            throw new ArgumentException($"The id, mask and type spans must have one length of at least 2; got {inputIds.Length}, {attentionMask.Length}, {tokenTypeIds.Length}.", nameof(inputIds));
        }

        var pieces = new List<int>();
        AppendPieces(text, pieces);
        int take = Math.Min(pieces.Count, Math.Min(length, MaxLength) - 2);
        int n = 0;
        inputIds[n++] = ClsId;
        for (int i = 0; i < take; i++)
        {
            inputIds[n++] = pieces[i];
        }

        inputIds[n++] = SepId;
        inputIds[n..].Fill(PadId);
        attentionMask[..n].Fill(1);
        attentionMask[n..].Clear();
        tokenTypeIds.Clear();
        return n;
    }

    private void AppendPieces(ReadOnlySpan<char> text, List<int> ids)
    {
        var sink = new PieceSink(this, ids);
        BertBasicTokenizer.Split(text, LowerCase, stripAccents: LowerCase, ref sink);
    }

    /// <summary>Greedy longest-match-first word pieces of one basic-tokenised word.</summary>
    private void AppendWord(ReadOnlySpan<char> word, List<int> ids)
    {
        if (word.Length > MaxCharsPerWord)
        {
            ids.Add(UnkId);
            return;
        }

        int mark = ids.Count;
        int start = 0;
        while (start < word.Length)
        {
            int found = -1;
            int end = word.Length;
            for (; end > start; end--)
            {
                ReadOnlySpan<char> piece = word[start..end];
                if (start == 0 ? _words.TryGetValue(piece, out found) : _continuations.TryGetValue(piece, out found))
                {
                    break;
                }

                found = -1;
            }

            if (found < 0)
            {
                ids.RemoveRange(mark, ids.Count - mark);
                ids.Add(UnkId);
                return;
            }

            ids.Add(found);
            start = end;
        }
    }

    private static int Require(Dictionary<string, int> words, string token)
        => words.TryGetValue(token, out int id) ? id : throw new InvalidDataException($"The WordPiece vocabulary has no '{token}' token.");

    private readonly struct PieceSink(WordPieceTokenizer owner, List<int> ids) : IWordSink
    {
        public void Word(ReadOnlySpan<char> word) => owner.AppendWord(word, ids);
    }
}
