using System.IO.Compression;

namespace PerfWorkflow.Workflows.Attachments;

/// <summary>
/// The allow-list of attachment types, decided by the bytes (magic numbers), never by the file name:
/// PDF, OOXML (docx/xlsx/pptx: a zip holding [Content_Types].xml), legacy OLE Office (doc/xls), PNG, JPEG.
/// </summary>
public static class AttachmentContent
{
    public const string Refused = "只能上传 PDF、Word/Excel/PowerPoint 文件或 PNG/JPEG 图片（按文件内容识别，改扩展名无效）。";

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The content type of an allowed file, or null when the bytes are not one of the allowed types.</summary>
    public static string? Detect(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Pdf))
        {
            return "application/pdf";
        }
        if (span.StartsWith(Png))
        {
            return "image/png";
        }
        if (span.StartsWith(Jpeg))
        {
            return "image/jpeg";
        }
        if (span.StartsWith(Ole))
        {
            return "application/x-ole-storage";
        }
        return span.StartsWith(Zip) ? Ooxml(bytes) : null;
    }

    private static string? Ooxml(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }
            if (zip.GetEntry("word/document.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            if (zip.GetEntry("xl/workbook.xml") is not null)
            {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            return zip.GetEntry("ppt/presentation.xml") is not null
                ? "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
