using System.Globalization;

namespace Topo.Bench;

/// <summary>The command line: <c>--topo PATH --out DIR [--quick] [--sizes 10,200,500] [--repeats 3] [--build TEXT]</c>.</summary>
public sealed record BenchOptions(string Topo, string Out, IReadOnlyList<int> Sizes, int Repeats, string Build, bool Quick)
{
    public string Work => System.IO.Path.Combine(Out, "out", "work");

    public static BenchOptions Parse(string[] args)
    {
        string? topo = null, out_ = null, build = "NativeAOT publish";
        List<int>? sizes = null;
        var repeats = 3;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--topo": topo = Next(); break;
                case "--out": out_ = Next(); break;
                case "--build": build = Next(); break;
                case "--quick": quick = true; break;
                case "--sizes": sizes = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--repeats": repeats = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (repeats < 1) throw new ArgumentException("--repeats must be at least 1");
        return new BenchOptions(
            topo ?? throw new ArgumentException("--topo PATH is required"),
            out_ ?? throw new ArgumentException("--out DIR is required"),
            sizes ?? (quick ? [10, 50] : [10, 200, 500]),
            repeats,
            build,
            quick);
    }
}
