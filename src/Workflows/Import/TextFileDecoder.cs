using System.Text;
using System.Text.Unicode;

namespace PerfWorkflow.Workflows.Import;

/// <summary>The text of an input file, or the zh-CN reason it cannot be read as text.</summary>
public sealed record DecodedText(string? Text, string? EncodingName, string? Error);

/// <summary>
/// Turns the bytes of a text-extracted form file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030
/// (the encoding of files saved by Chinese Windows tools). Empty and binary input are refused with a clear message.
/// </summary>
public static class TextFileDecoder
{
    /// <summary>Largest input accepted; a bureau's year of forms is a few MB.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private static readonly Encoding StrictGb18030 = CreateStrictGb18030();

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return Refuse($"文件过大（{bytes.Length / (1024 * 1024)} MB），超过 {MaxBytes / (1024 * 1024)} MB 上限，请拆分后再导入。");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Checked(bytes[3..], "UTF-8", Encoding.UTF8);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Checked(bytes[2..], "UTF-16LE", new UnicodeEncoding(false, false, true));
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Checked(bytes[2..], "UTF-16BE", new UnicodeEncoding(true, false, true));
        }
        if (bytes.IndexOf((byte)0) >= 0)
        {
            if (Utf16WithoutMark(bytes) is { } utf16)
            {
                return Checked(bytes, utf16.BodyName.ToUpperInvariant(), utf16);
            }
            return Refuse("文件不是文本文件（含二进制内容），请提供从财政系统导出 PDF 后提取的文本（.txt）。");
        }
        if (Utf8.IsValid(bytes))
        {
            return Checked(bytes, "UTF-8", Encoding.UTF8);
        }
        return Checked(bytes, "GB18030", StrictGb18030);
    }

    public static DecodedText DecodeFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Refuse($"找不到文件：{path}");
            }
            if (info.Length > MaxBytes)
            {
                return Refuse($"文件过大（{info.Length / (1024 * 1024)} MB），超过 {MaxBytes / (1024 * 1024)} MB 上限，请拆分后再导入。");
            }
            return Decode(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse($"无法读取文件 {path}：{e.Message}");
        }
    }

    private static DecodedText Checked(ReadOnlySpan<byte> bytes, string name, Encoding encoding)
    {
        string text;
        try
        {
            text = encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Refuse("文件编码无法识别（既不是 UTF-8 也不是 GB18030），或文件不是文本文件；请另存为 UTF-8 文本后再导入。");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refuse("文件为空，没有可导入的申报表。");
        }
        if (LooksBinary(text))
        {
            return Refuse("文件不是文本文件（含大量控制字符），请提供从财政系统导出 PDF 后提取的文本（.txt）。");
        }
        return new DecodedText(text, name, null);
    }

    // UTF-16 saved without a byte order mark: the high bytes of CJK text are rarely zero, the ones of ASCII always are.
    private static UnicodeEncoding? Utf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length & ~1, 4096)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZeros += sample[i] == 0 ? 1 : 0;
            oddZeros += sample[i + 1] == 0 ? 1 : 0;
        }
        var pairs = sample.Length / 2;
        if (pairs == 0 || (bytes.Length & 1) == 1)
        {
            return null;
        }
        // Line breaks alone make one character in twenty ASCII; binary data has zeros on both sides.
        if (oddZeros * 20 >= pairs && evenZeros * 20 < oddZeros)
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        }
        return evenZeros * 20 >= pairs && oddZeros * 20 < evenZeros
            ? new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true)
            : null;
    }

    // Text extracted from a PDF has line breaks, tabs and form feeds; anything else below U+0020 means binary.
    private static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c < ' ' && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                controls++;
            }
        }
        return controls > 0 && controls * 200L > text.Length;
    }

    private static DecodedText Refuse(string message) => new(null, null, message);

    private static Encoding CreateStrictGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
