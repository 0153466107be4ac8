using System.Buffers;
using System.Globalization;
using System.Text;

namespace MultiModal.Matching.Onnx.Tokenizers;

/// <summary>
/// BERT's basic tokenisation (as Hugging Face's BasicTokenizer): drop NUL, U+FFFD and control characters; map
/// whitespace to spaces; put spaces around CJK ideographs; NFC; lower-case and strip accents (NFD, drop Mn) when
/// asked; split on whitespace and punctuation. Words are reported as ranges of an internal buffer.
/// </summary>
internal static class BertBasicTokenizer
{
    /// <summary>Normalises <paramref name="text"/>, then calls <paramref name="onWord"/> per word.</summary>
    /// <typeparam name="TSink">The word receiver.</typeparam>
    /// <param name="text">The raw text.</param>
    /// <param name="lowerCase">Lower-case (and strip accents when <paramref name="stripAccents"/>).</param>
    /// <param name="stripAccents">Strip combining marks after NFD.</param>
    /// <param name="onWord">Receives each word.</param>
    public static void Split<TSink>(ReadOnlySpan<char> text, bool lowerCase, bool stripAccents, ref TSink onWord)
        where TSink : struct, IWordSink
    {
        string normalised = Normalise(text, lowerCase, stripAccents);
        ReadOnlySpan<char> s = normalised;
        int start = -1;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == ' ')
            {
                if (start >= 0)
                {
                    onWord.Word(s[start..i]);
                    start = -1;
                }
            }
            else if (IsPunctuation(c))
            {
                if (start >= 0)
                {
                    onWord.Word(s[start..i]);
                    start = -1;
                }

                onWord.Word(s.Slice(i, 1));
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            onWord.Word(s[start..]);
        }
    }

    private static string Normalise(ReadOnlySpan<char> text, bool lowerCase, bool stripAccents)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent((text.Length * 3) + 1);
        try
        {
            int n = 0;
            bool ascii = true;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int codePoint = c;
                bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                if (pair)
                {
                    codePoint = char.ConvertToUtf32(c, text[i + 1]);
                }

                if (codePoint == 0 || codePoint == 0xFFFD || IsControl(c))
                {
                    i += pair ? 1 : 0;
                    continue;
                }

                if (IsWhitespace(c))
                {
                    buffer[n++] = ' ';
                }
                else if (IsCjk(codePoint))
                {
                    buffer[n++] = ' ';
                    buffer[n++] = c;
                    if (pair)
                    {
                        buffer[n++] = text[++i];
                    }

                    buffer[n++] = ' ';
                }
                else
                {
                    ascii &= c < 0x80;
                    buffer[n++] = c;
                    if (pair)
                    {
                        buffer[n++] = text[++i];
                    }
                }
            }

            if (ascii)
            {
                if (lowerCase)
                {
                    for (int i = 0; i < n; i++)
                    {
                        buffer[i] = char.ToLowerInvariant(buffer[i]);
                    }
                }

                return new string(buffer, 0, n);
            }

            string s = new string(buffer, 0, n).Normalize(NormalizationForm.FormC);
            if (!lowerCase)
            {
                return stripAccents ? StripAccents(s) : s;
            }

            s = s.ToLowerInvariant();
            return stripAccents ? StripAccents(s) : s;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string StripAccents(string s)
    {
        string decomposed = s.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsWhitespace(char c)
        => c is ' ' or '\t' or '\n' or '\r' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    private static bool IsControl(char c)
    {
        if (c is '\t' or '\n' or '\r')
        {
            return false;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.Control or UnicodeCategory.Format;
    }

    /// <summary>ASCII non-alphanumeric printable characters count as punctuation (as in BERT), plus every Unicode P* category.</summary>
    private static bool IsPunctuation(char c)
    {
        if (c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~'))
        {
            return true;
        }

        if (c < 0x80)
        {
            return false;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int cp)
        => cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
