using System.Globalization;

namespace Topo.Bench;

/// <summary>
/// The command line: <c>--topo PATH --floor PATH --out DIR [--quick] [--sizes 10,200,500] [--large-sizes 1000] [--repeats 3] [--build TEXT] [--hosts H] [--scale N]</c>.
/// <see cref="LargeSizes"/> are measured for topo and <c>ip -batch</c> only (the tutorial script takes minutes
/// there): they show how topo's cost grows with N, next to how the kernel's own does.
/// <see cref="Hosts"/> and <see cref="Scale"/> choose the other two runs instead (see <see cref="HostsRun"/>, <see cref="ScaleRun"/>).
/// </summary>
public sealed record BenchOptions(string Topo, string Floor, string Out, IReadOnlyList<int> Sizes, IReadOnlyList<int> LargeSizes, int Repeats, string Build, bool Quick, int Hosts = 0, int Scale = 0)
{
    /// <summary>Every size, in the order measured.</summary>
    public IEnumerable<int> AllSizes => Sizes.Concat(LargeSizes.Except(Sizes));

    public string Work => System.IO.Path.Combine(Out, "out", "work");

    public static BenchOptions Parse(string[] args)
    {
        string? topo = null, floor = null, out_ = null, build = "NativeAOT publish";
        List<int>? sizes = null;
        List<int>? largeSizes = null;
        var repeats = 3;
        var quick = false;
        int hosts = 0, scale = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--topo": topo = Next(); break;
                case "--floor": floor = Next(); break;
                case "--out": out_ = Next(); break;
                case "--build": build = Next(); break;
                case "--quick": quick = true; break;
                case "--sizes": sizes = SizeList(Next()); break;
                case "--large-sizes": largeSizes = SizeList(Next()); break;
                case "--repeats": repeats = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--hosts": hosts = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scale": scale = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (repeats < 1) throw new ArgumentException("--repeats must be at least 1");
        if (hosts is < 0 or 1 or > 9) throw new ArgumentException("--hosts takes 2 to 9 machines");
        if (hosts > 0 && scale > 0) throw new ArgumentException("--hosts and --scale are separate runs");
        return new BenchOptions(
            topo ?? throw new ArgumentException("--topo PATH is required"),
            floor ?? throw new ArgumentException("--floor PATH is required"),
            out_ ?? throw new ArgumentException("--out DIR is required"),
            sizes ?? (hosts > 0 ? [quick ? 20 : 200] : quick ? [10, 50] : [10, 200, 500]),
            largeSizes ?? (quick ? [] : [1000]),
            repeats,
            build,
            quick,
            hosts,
            scale);
    }

    private static List<int> SizeList(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
