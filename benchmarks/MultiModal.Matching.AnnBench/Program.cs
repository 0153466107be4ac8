Console.Error.WriteLine("AnnBench: coming with the HNSW issue.");
return 2;
