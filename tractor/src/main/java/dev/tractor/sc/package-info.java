package dev.tractor.sc;
