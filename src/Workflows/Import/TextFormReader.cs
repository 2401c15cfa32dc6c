namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Reads the text-extracted format of docs/domain.md §4 (pdftotext of the finance system's PDF export) into forms. A block
/// starts at a line <c>二级项目支出绩效目标申报表</c>; a block that cannot be read becomes an error naming its line and
/// the other blocks still import.
/// </summary>
public static class TextFormReader
{
    public const string Title = "二级项目支出绩效目标申报表";

    public static ImportResult ReadFile(string path)
    {
        var decoded = TextFileDecoder.DecodeFile(path);
        return decoded.Text is null ? ImportResult.Failed(decoded.Error!) : Read(decoded.Text);
    }

    public static ImportResult Read(ReadOnlySpan<byte> bytes)
    {
        var decoded = TextFileDecoder.Decode(bytes);
        return decoded.Text is null ? ImportResult.Failed(decoded.Error!) : Read(decoded.Text);
    }

    public static ImportResult Read(string text)
    {
        var lines = LineRanges(text);
        var starts = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (text.AsSpan(lines[i]).Trim().SequenceEqual(Title))
            {
                starts.Add(i);
            }
        }
        if (starts.Count == 0)
        {
            return ImportResult.Failed($"没有找到申报表标题“{Title}”：文件不是申报表 PDF 导出的文本，无法导入。");
        }
        var forms = new List<ImportedForm>(starts.Count);
        var errors = new List<ImportError>();
        for (var i = 0; i < starts[0]; i++)
        {
            if (!text.AsSpan(lines[i]).IsWhiteSpace())
            {
                errors.Add(new ImportError(i + 1, $"第{i + 1}行：第一张申报表标题之前的文字不属于任何申报表，未导入。"));
                break;
            }
        }
        for (var b = 0; b < starts.Count; b++)
        {
            var end = b + 1 < starts.Count ? starts[b + 1] : lines.Count;
            // A block's lines are made only while it is read, so a large file never holds all its lines at once.
            var block = new FormBlockReader(Lines(text, lines, starts[b], end), starts[b] + 1);
            if (block.Read() is { } form)
            {
                forms.Add(form);
            }
            else
            {
                errors.Add(new ImportError(starts[b] + 1, block.Error!));
            }
        }
        return new ImportResult(forms, errors);
    }

    private static List<Range> LineRanges(string text)
    {
        var ranges = new List<Range>();
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                ranges.Add(start..text.Length);
                return ranges;
            }
            ranges.Add(start..end);
            start = end + 1;
        }
    }

    // pdftotext ends pages with a form feed; Windows tools may add carriage returns.
    private static string[] Lines(string text, List<Range> ranges, int from, int to)
    {
        var lines = new string[to - from];
        for (var i = from; i < to; i++)
        {
            var line = text.AsSpan(ranges[i]).TrimEnd('\r');
            lines[i - from] = line.Contains('\f') ? line.ToString().Replace('\f', ' ') : line.ToString();
        }
        return lines;
    }
}
