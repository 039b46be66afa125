package dev.tractor.sc.testing;
