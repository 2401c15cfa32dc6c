using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PerfWorkflow.Workflows.Export;

/// <summary>The cell styles of our workbooks, by index into the one stylesheet <see cref="Create"/> builds.</summary>
internal static class WorkbookStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Label = 2;
    public const uint Text = 3;
    public const uint Amount = 4;

    /// <summary>置灰: a field the finance system fills itself (申请单位, 一级预算单位, the package's totals).</summary>
    public const uint SystemFilled = 5;
    public const uint Integer = 6;
    public const uint Note = 7;
    public const uint SystemFilledAmount = 8;

    // Built-in number formats of SpreadsheetML: 1 = "0", 4 = "#,##0.00".
    private const uint IntegerFormat = 1;
    private const uint TwoDecimalsFormat = 4;

    public static Stylesheet Create() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "宋体" }),
            new Font(new Italic(), new FontSize { Val = 9 }, new FontName { Val = "宋体" })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFD9D9D9"),
            Solid("FFF2F2F2")),
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Thin<LeftBorder>(), Thin<RightBorder>(), Thin<TopBorder>(), Thin<BottomBorder>(), new DiagonalBorder())),
        new CellFormats(
            new CellFormat(),
            Format(font: 2, fill: 0, border: 0, numberFormat: 0, HorizontalAlignmentValues.Center),
            Format(font: 1, fill: 3, border: 1, numberFormat: 0, HorizontalAlignmentValues.Center),
            Format(font: 0, fill: 0, border: 1, numberFormat: 0, HorizontalAlignmentValues.Left),
            Format(font: 0, fill: 0, border: 1, numberFormat: TwoDecimalsFormat, HorizontalAlignmentValues.Right),
            Format(font: 0, fill: 2, border: 1, numberFormat: 0, HorizontalAlignmentValues.Left),
            Format(font: 0, fill: 0, border: 1, numberFormat: IntegerFormat, HorizontalAlignmentValues.Left),
            Format(font: 3, fill: 0, border: 0, numberFormat: 0, HorizontalAlignmentValues.Left),
            Format(font: 0, fill: 2, border: 1, numberFormat: TwoDecimalsFormat, HorizontalAlignmentValues.Right)));

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static T Thin<T>() where T : BorderPropertiesType, new() => new() { Style = BorderStyleValues.Thin };

    private static CellFormat Format(uint font, uint fill, uint border, uint numberFormat, HorizontalAlignmentValues horizontal) => new(
        new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = true })
    {
        FontId = font,
        FillId = fill,
        BorderId = border,
        NumberFormatId = numberFormat,
        ApplyFont = font != 0,
        ApplyFill = fill != 0,
        ApplyBorder = border != 0,
        ApplyNumberFormat = numberFormat != 0,
        ApplyAlignment = true,
    };
}
