namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Signs that a text was cut off (TEXT_TRUNCATED): no closing punctuation, or a bracket/quote left open.</summary>
internal static class TextCompleteness
{
    private const string Terminal = "。!?;…)]」』》”\"'】.";
    private static readonly (char Open, char Close)[] Pairs = [('(', ')'), ('[', ']'), ('《', '》'), ('“', '”'), ('【', '】'), ('「', '」'), ('『', '』')];

    public static bool EndsAsSentence(string normalized)
    {
        var trimmed = normalized.AsSpan().TrimEnd();
        return trimmed.Length > 0 && Terminal.Contains(trimmed[^1], StringComparison.Ordinal);
    }

    /// <summary>The first opening bracket or quote that is never closed, or null.</summary>
    public static char? UnclosedBracket(string normalized)
    {
        foreach (var (open, close) in Pairs)
        {
            var depth = 0;
            foreach (var c in normalized)
            {
                if (c == open)
                {
                    depth++;
                }
                else if (c == close && depth > 0)
                {
                    depth--;
                }
            }
            if (depth > 0)
            {
                return open;
            }
        }
        return null;
    }
}
