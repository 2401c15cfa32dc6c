using System.Globalization;
using DiffPlex;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>
/// Splits text into user-perceived characters: Chinese has no spaces, so a character diff reads naturally, and a
/// surrogate pair (rare 汉字 of CJK Extension B) or a combining sequence is never split in two. Numbers and Latin words
/// stay whole, so 15万元 → 18万元 reads as 15 → 18 rather than as a changed last digit.
/// </summary>
internal sealed class TextElementChunker : IChunker
{
    public static TextElementChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text)
    {
        var pieces = new List<string>(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var length = WordLength(text, position);
            if (length == 0)
            {
                length = StringInfo.GetNextTextElementLength(text, position);
            }
            pieces.Add(text.Substring(position, length));
            position += length;
        }
        return pieces;
    }

    /// <summary>Length of the run of digits and ASCII letters starting here (with a '.' or ',' inside a number), or 0.</summary>
    private static int WordLength(string text, int start)
    {
        var end = start;
        while (end < text.Length)
        {
            var c = text[end];
            var insideNumber = c is '.' or ',' && end > start && char.IsDigit(text[end - 1])
                && end + 1 < text.Length && char.IsDigit(text[end + 1]);
            if (!(char.IsAsciiLetterOrDigit(c) || char.IsDigit(c) || insideNumber))
            {
                break;
            }
            end++;
        }
        return end - start;
    }
}
