using System.Globalization;
using DiffPlex;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>
/// Splits text into user-perceived characters: Chinese has no spaces, so a character diff reads naturally, and a
/// surrogate pair (rare 汉字 of CJK Extension B) or a combining sequence is never split in two.
/// </summary>
internal sealed class TextElementChunker : IChunker
{
    public static TextElementChunker Instance { get; } = new();

    public IReadOnlyList<string> Chunk(string text)
    {
        var pieces = new List<string>(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            pieces.Add(elements.GetTextElement());
        }
        return pieces;
    }
}
