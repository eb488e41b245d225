using System.Collections.Immutable;
using Topo.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Topo.Core.Parsing;

/// <summary>What reading the YAML gave: the root value, nothing (an empty file), or the one error that stopped it.</summary>
internal sealed record YamlTreeResult(YamlValue? Root, Diagnostic? Error);

/// <summary>
/// Turns YamlDotNet's event stream into a <see cref="YamlValue"/> tree. Anything that makes
/// the rest of the file unreadable or unsafe to expand (a syntax error, an anchor, a tag, too
/// deep nesting, a second document) stops the reading at once with one error.
/// </summary>
internal sealed class YamlTreeReader
{
    public const int MaxDepth = 64;

    private readonly Scanner scanner;
    private readonly Parser parser;

    private YamlTreeReader(string text)
    {
        scanner = new Scanner(new StringReader(text));
        parser = new Parser(scanner);
    }

    public static YamlTreeResult Read(string text)
    {
        try
        {
            return new YamlTreeResult(new YamlTreeReader(text).ReadStream(), null);
        }
        catch (StopReading stop)
        {
            return new YamlTreeResult(null, stop.Diagnostic);
        }
    }

    private YamlValue? ReadStream()
    {
        Next(); // StreamStart
        Next();
        if (parser.Current is StreamEnd)
        {
            return null;
        }

        Next(); // past DocumentStart
        var root = ReadValue(depth: 1);
        Next(); // DocumentEnd
        Next();
        if (parser.Current is DocumentStart second)
        {
            throw Stop(second.Start, "a lab file holds one YAML document; a second one starts here (remove the '---')");
        }

        return root is YamlScalar { IsNull: true } ? null : root;
    }

    private YamlValue ReadValue(int depth)
    {
        var current = parser.Current!;
        if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
        {
            throw Stop(current.Start, "anchors and aliases (&x, *x) are not supported: write the value out");
        }

        if (current is NodeEvent { Tag.IsEmpty: false })
        {
            throw Stop(current.Start, "tags (!!str, !name) are not supported: write the plain value");
        }

        if (current is Scalar scalar)
        {
            return new YamlScalar(MarkOf(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
        }

        if (depth > MaxDepth)
        {
            throw Stop(current.Start, $"nesting is deeper than {MaxDepth} levels: a lab file never needs that many");
        }

        return current switch
        {
            SequenceStart => ReadList(MarkOf(current.Start), depth),
            MappingStart => ReadMap(MarkOf(current.Start), depth),
            _ => throw Stop(current.Start, $"unexpected YAML element {current.GetType().Name}"),
        };
    }

    private YamlList ReadList(SourceMark mark, int depth)
    {
        var items = ImmutableArray.CreateBuilder<YamlValue>();
        for (Next(); parser.Current is not SequenceEnd; Next())
        {
            items.Add(ReadValue(depth + 1));
        }

        return new YamlList(mark, items.ToImmutable());
    }

    private YamlMap ReadMap(SourceMark mark, int depth)
    {
        var entries = ImmutableArray.CreateBuilder<YamlEntry>();
        for (Next(); parser.Current is not MappingEnd; Next())
        {
            var key = ReadValue(depth + 1);
            Next();
            entries.Add(new YamlEntry(key, ReadValue(depth + 1)));
        }

        return new YamlMap(mark, entries.ToImmutable());
    }

    private void Next()
    {
        try
        {
            if (!parser.MoveNext())
            {
                throw Stop(scanner.CurrentPosition, "the file ends in the middle of a value");
            }
        }
        catch (YamlException e)
        {
            throw Stop(e.Start, SyntaxMessages.Readable(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1's scanner throws this, without a mark, on a flow collection left open;
            // it fails while looking ahead, so only the place where it gave up is known.
            throw Stop(scanner.CurrentPosition, SyntaxMessages.UnclosedFlow);
        }
    }

    private static StopReading Stop(Mark at, string message) => new(new Diagnostic(MarkOf(at), "", message));

    private static SourceMark MarkOf(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private sealed class StopReading(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
