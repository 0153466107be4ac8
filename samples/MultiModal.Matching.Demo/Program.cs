Console.WriteLine("MultiModal.Matching demo: coming with the facade issue.");
