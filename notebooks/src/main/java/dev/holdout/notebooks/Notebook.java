package dev.holdout.notebooks;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a notebook cell can call besides the toolkit; the kernel imports these statically, so a cell writes
 * {@code display(table)} or {@code html("<b>done</b>")}.
 *
 * <pre>{@code
 * display(split.train(table));           // an HTML table, then the cell goes on
 * display(markdown("**Test MAE:** " + mae)); // rendered Markdown
 * }</pre>
 */
public final class Notebook {
    private Notebook() {}

    /** Shows {@code value} now, rendered as {@link RichDisplay} would show a cell's last value. */
    public static void display(Object value) {
        HoldoutKernel kernel = HoldoutKernel.running();
        if (kernel == null) {
            System.out.println(RichDisplay.plainText(value));
            return;
        }
        kernel.display(RichDisplay.render(value));
    }

    /** A value that displays as the given HTML (for example as a cell's last expression). */
    public static DisplayData html(String html) {
        DisplayData data = new DisplayData(html);
        data.putHTML(html);
        return data;
    }

    /** A value that displays as the given Markdown. */
    public static DisplayData markdown(String markdown) {
        DisplayData data = new DisplayData(markdown);
        data.putMarkdown(markdown);
        return data;
    }
}
